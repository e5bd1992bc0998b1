"""Statutory fine ranges (法定罚款幅度) by the provision that is the penalty basis.

Why: "the fine inside the statutory range" is one of the first things a reviewer checks
(法律适用), and a fine outside it makes the decision unlawful. The ranges are law, so they
are data (``scoring/data/fine_ranges.yaml``), keyed by the provision a decision cites as
its basis — law + article, optionally 款 and 项. A lookup falls back from 项 to 款 to the
article, so an entry for an article covers its 款 and 项 unless a more specific entry
exists; it never goes the other way (a citation of a whole article does not borrow the
range of one of its 款).

Only fixed amounts can be checked ("处五千元以上五万元以下罚款"). A range expressed as a
multiple of 货值金额, 违法所得, 广告费用, 工程造价 or 投资额 depends on figures a dossier
states in many ways, so such provisions are marked ``relative: true`` and never judged:
an unknown answer says nothing, like every pre-check.

Pure Python: the caller (``app.review.prechecks``) finds the cited provisions in the
decision's text and asks :func:`fine_range_for`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.data_files import load_data_file

__all__ = [
    "DEFAULT_FINE_RANGES_PATH",
    "FineEntry",
    "FineRange",
    "FineRangeDataError",
    "FineRangeTable",
    "Provision",
    "cn_number",
    "cn_numeral",
    "fine_range_for",
    "format_yuan",
    "load_fine_ranges",
    "normalise_law",
    "parse_provision",
    "parse_provisions",
]

DEFAULT_FINE_RANGES_PATH = Path(__file__).parent / "data" / "fine_ranges.yaml"


class FineRangeDataError(ValueError):
    """The fine-range file cannot be read or is inconsistent (message in Chinese)."""


# ---------------------------------------------------------------- numbers and provisions

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGITS.update({"〇": 0, "○": 0, "两": 2})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_number(text: str) -> int | None:
    """一百二十四 → 124, 一百零三 → 103, 十 → 10, 124 → 124; None when not a number."""
    text = re.sub(r"\s+", "", text).translate(_FULLWIDTH)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            return None
    value = total + (digit or 0)
    return value or None


_CN_NAMES = "零一二三四五六七八九"


def cn_numeral(value: int) -> str:
    """124 → 一百二十四, 10 → 十, 103 → 一百零三 (as articles are printed)."""
    if value < 10:
        return _CN_NAMES[value]
    out = ""
    digits = [int(d) for d in str(value)]
    units = ["", "十", "百", "千"][len(digits) - 1 :: -1]
    zero = False
    for i, (d, unit) in enumerate(zip(digits, units, strict=True)):
        if d == 0:
            zero = True
            continue
        if zero and out:
            out += "零"
        zero = False
        out += ("" if d == 1 and unit == "十" and i == 0 else _CN_NAMES[d]) + unit
    return out


_LAW_PREFIX = "中华人民共和国"
_LAW_SUFFIX = re.compile(r"[（(][^（）()]*(?:修订|修正|年)[^（）()]*[)）]$")


def normalise_law(name: str) -> str:
    """《中华人民共和国食品安全法》 → 食品安全法 (spaces, brackets, edition notes dropped)."""
    name = re.sub(r"\s+", "", name).strip("《》〈〉<>")
    name = _LAW_SUFFIX.sub("", name)
    return name.removeprefix(_LAW_PREFIX)


@dataclass(frozen=True, order=True)
class Provision:
    """A law's article, optionally its 款 (paragraph) and 项 (item); ``law`` normalised."""

    law: str
    article: int
    paragraph: int | None = None
    item: int | None = None

    def label(self) -> str:
        """《食品安全法》第一百二十四条第一款第（五）项."""
        text = f"《{self.law}》第{cn_numeral(self.article)}条"
        if self.paragraph is not None:
            text += f"第{cn_numeral(self.paragraph)}款"
        if self.item is not None:
            text += f"第（{cn_numeral(self.item)}）项"
        return text

    def broader(self) -> Iterator[Provision]:
        """This provision, then the ones that contain it: 项 → 款 → article."""
        yield self
        if self.item is not None:
            yield Provision(self.law, self.article, self.paragraph)
        if self.paragraph is not None:
            yield Provision(self.law, self.article)


_NUM = r"[0-9０-９零〇○一二三四五六七八九十百千两]+"
_LAW = re.compile(r"[《〈](?P<law>[^《》〈〉]{2,60})[》〉]")
_REF = re.compile(
    rf"\s*(?:第\s*(?P<art>{_NUM})\s*条)?"
    rf"(?:\s*第\s*(?P<para>{_NUM})\s*款)?"
    rf"(?:\s*第?\s*[（(]\s*(?P<item>{_NUM})\s*[)）]\s*项?|\s*第\s*(?P<item2>{_NUM})\s*项)?"
)
_SEPARATOR = re.compile(r"\s*(?:、|，|,|和|及|与|以及|或者|或)\s*")


def _refs(text: str, pos: int, law: str) -> Iterator[tuple[Provision, int]]:
    """The article references that follow a law's title at ``pos`` (第X条、第Y条第Z款 …)."""
    article = paragraph = None
    while True:
        match = _REF.match(text, pos)
        if match is None or match.end() == pos or not match.group().strip():
            return
        art, para = match["art"], match["para"]
        item = match["item"] or match["item2"]
        if art is None and para is None and item is None:
            return
        if art is not None:
            article, paragraph = cn_number(art), None
        if para is not None:
            paragraph = cn_number(para)
        if article is None:
            return
        yield Provision(law, article, paragraph, cn_number(item) if item else None), match.end()
        pos = match.end()
        sep = _SEPARATOR.match(text, pos)
        if (
            sep is None
            or not _REF.match(text, sep.end())
            or text[sep.end() : sep.end() + 1] == "《"
        ):
            return
        pos = sep.end()


def parse_provisions(text: str) -> list[Provision]:
    """Every provision cited in ``text``: 《法》第X条第Y款第（Z）项, 第124条, 第X条、第Y条 …"""
    out: list[Provision] = []
    for law in _LAW.finditer(text):
        name = normalise_law(law["law"])
        for provision, _end in _refs(text, law.end(), name):
            if provision not in out:
                out.append(provision)
    return out


def parse_provision(text: str) -> Provision | None:
    """One provision written as in a decision (with or without 《》): the table's keys."""
    text = re.sub(r"\s+", "", text)
    if "《" not in text:
        at = text.find("第")
        if at <= 0:
            return None
        text = f"《{text[:at]}》{text[at:]}"
    found = parse_provisions(text)
    if len(found) != 1:
        return None
    law = _LAW.search(text)
    assert law is not None
    rest = text[law.end() :]
    if _REF.fullmatch(rest) is None:
        return None  # trailing words: not a plain provision
    return found[0]


# ---------------------------------------------------------------- the table


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Model):
    """A fixed range in yuan; ``low`` 0 where the law says only "…元以下"."""

    low: float = Field(ge=0)
    high: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"罚款下限 {format_yuan(self.low)} 高于上限 {format_yuan(self.high)}")
        return self


class FineEntry(_Model):
    """One provision: a range for everyone (``fine``) or per party, or ``relative``.

    ``superseded_by``: a provision of a higher-ranking law that sets a different range for
    the same act (a 规章 the law overtook); from ``since`` (the law's entry into force) the
    law's range is the one a fine is judged by, and the finding says why."""

    provision: str = Field(min_length=4)
    source: str = Field(min_length=4)
    fine: Range | None = None
    organisation: Range | None = None
    person: Range | None = None
    relative: bool = False
    note: str = ""
    superseded_by: str = ""
    since: date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> FineEntry:
        if parse_provision(self.provision) is None:
            raise ValueError(
                f"无法识别条款“{self.provision}”，应写作“法律名称第X条”，可加“第X款”“第（X）项”"
            )
        ranges = (self.fine, self.organisation, self.person)
        if self.relative:
            if any(r is not None for r in ranges):
                raise ValueError("relative 为 true 的条款不检查罚款数额，不应再填写罚款幅度")
            if not self.note:
                raise ValueError("relative 为 true 的条款应在 note 中说明罚款幅度如何计算")
        elif all(r is None for r in ranges):
            raise ValueError("应填写 fine（不分当事人）或 organisation / person 的罚款幅度")
        elif self.fine is not None and (self.organisation or self.person):
            raise ValueError("fine 与 organisation / person 不能同时填写")
        if self.superseded_by and parse_provision(self.superseded_by) is None:
            raise ValueError(f"无法识别 superseded_by 条款“{self.superseded_by}”")
        if self.superseded_by and (self.since is None or not self.note):
            raise ValueError("填写 superseded_by 时应同时填写 since（上位法施行日）和 note")
        return self

    @property
    def superseding(self) -> Provision | None:
        return parse_provision(self.superseded_by) if self.superseded_by else None

    @property
    def key(self) -> Provision:
        found = parse_provision(self.provision)
        assert found is not None  # validated
        return found

    def range_for(self, is_organisation: bool | None) -> Range | None:
        """The range for the party; unknown party: the span of both, if both are given."""
        if self.fine is not None:
            return self.fine
        if is_organisation is True:
            return self.organisation
        if is_organisation is False:
            return self.person
        if self.organisation is not None and self.person is not None:
            return Range(
                low=min(self.organisation.low, self.person.low),
                high=max(self.organisation.high, self.person.high),
            )
        return None


class FineRangeTable(_Model):
    provisions: tuple[FineEntry, ...]

    @model_validator(mode="after")
    def _unique(self) -> FineRangeTable:
        seen: dict[Provision, str] = {}
        for entry in self.provisions:
            key = entry.key
            if key in seen:
                raise ValueError(f"条款“{entry.provision}”与“{seen[key]}”重复")
            seen[key] = entry.provision
        for entry in self.provisions:
            law = entry.superseding
            target = self.find(law) if law else None
            if law and (target is None or target.relative or target.superseded_by):
                raise ValueError(
                    f"条款“{entry.provision}”的 superseded_by“{entry.superseded_by}”"
                    "应是本文件中有固定罚款幅度的条款"
                )
        return self

    def find(self, provision: Provision) -> FineEntry | None:
        """The most specific entry covering ``provision`` (项 → 款 → article), or None."""
        index = _index(self)
        for candidate in provision.broader():
            if candidate in index:
                return index[candidate]
        return None


@lru_cache(maxsize=8)
def _index(table: FineRangeTable) -> dict[Provision, FineEntry]:
    return {entry.key: entry for entry in table.provisions}


def load_fine_ranges(path: Path | str | None = None) -> FineRangeTable:
    """Read and validate a fine-range file (the built-in one when ``path`` is None).

    Errors name the file and the field in Chinese (:class:`FineRangeDataError`)."""
    if path is None:
        return _default_table()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _default_table() -> FineRangeTable:
    return _load(DEFAULT_FINE_RANGES_PATH)


def _load(path: Path) -> FineRangeTable:
    return load_data_file(path, "罚款幅度文件", FineRangeTable, FineRangeDataError)


# ---------------------------------------------------------------- the answer


def format_yuan(value: float) -> str:
    """5000 → 5000元, 1000000 → 100万元, 2500.5 → 2500.5元."""
    if value >= 10_000 and value % 10_000 == 0:
        return f"{value / 10_000:g}万元"
    return f"{value:g}元"


@dataclass(frozen=True)
class FineRange:
    """The range the cited basis allows, with the provisions and their wording."""

    low: float
    high: float
    provisions: tuple[Provision, ...]
    sources: tuple[str, ...]
    note: str = ""  # why the range is not the cited provision's own (a law overtook it)
    applied: tuple[Provision, ...] = ()  # the provisions the range is taken from, if others

    @property
    def basis(self) -> str:
        """The provisions whose range applies, as labels (a law in place of a 规章 it
        overtook)."""
        return "、".join(p.label() for p in (self.applied or self.provisions))

    @property
    def text(self) -> str:
        """ "5000元以上5万元以下" or "3万元以下" (the law's own way of putting it)."""
        if self.low <= 0:
            return f"{format_yuan(self.high)}以下"
        return f"{format_yuan(self.low)}以上{format_yuan(self.high)}以下"

    def contains(self, fine: float) -> bool:
        return self.low <= fine <= self.high


def fine_range_for(
    provisions: Sequence[Provision] | Iterable[Provision],
    is_organisation: bool | None,
    table: FineRangeTable | None = None,
    acted_on: date | None = None,
) -> FineRange | None:
    """The range the penalty basis allows the party, or None when it cannot be told.

    Every cited provision must have a fixed range for the party: one unknown, ``relative``
    or not covering the party's kind makes the answer None (the unknown provision might
    allow the fine). Several fixed ranges give their span. A provision a higher law
    overtook (``superseded_by``) counts with the law's range when the act (``acted_on``;
    unknown: taken as recent) is not before the law took effect — 上位法优先."""
    provisions = tuple(provisions)
    if not provisions:
        return None
    table = table or load_fine_ranges()
    lows, highs, sources, notes = [], [], [], []
    applied: list[Provision] = []
    for provision in provisions:
        entry = table.find(provision)
        if entry is None or entry.relative:
            return None
        law = entry.superseding
        if law is not None and entry.since and (acted_on is None or acted_on >= entry.since):
            notes.append(entry.note)
            provision, entry = law, table.find(law)
            assert entry is not None  # validated with the table
        if provision not in applied:
            applied.append(provision)
        found = entry.range_for(is_organisation)
        if found is None:
            return None
        lows.append(found.low)
        highs.append(found.high)
        if entry.source not in sources:
            sources.append(entry.source)
    return FineRange(
        min(lows),
        max(highs),
        provisions,
        tuple(sources),
        "".join(notes),
        tuple(applied) if notes else (),
    )
