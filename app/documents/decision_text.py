"""What a 监督决定书 says beyond the problems it lists: one measure per problem (责令改正 /
责令限期履行 / 重新作出 / 撤销 / 变更 / 确认违法), the opening that says who issued the opinion and who
issues the decision, and the 复查 path.

The measures and the default of each finding's checklist category are data
(``resources/decision_measures.yaml``); this module reads them and writes the sentences, so
the window, the command line and the letter service say the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.paths import read_yaml, resources_dir

MEASURES_FILE = "decision_measures.yaml"


@dataclass(frozen=True)
class Measure:
    """A measure (监督措施) a decision may order: ``label`` is the word a reviewer chooses
    (撤销), ``text`` the sentence the decision says."""

    id: str
    label: str
    text: str


@dataclass(frozen=True)
class MeasureTable:
    measures: dict[str, Measure]
    # (checklist item id, measure id): the law names a measure for some items (a 委托 or an
    # officer without a 执法证件: 责令改正) that differs from their category's default.
    item_defaults: tuple[tuple[str, str], ...]
    defaults: tuple[tuple[str, str], ...]  # (word of a category, measure id)
    fallback: str

    def default_for(self, category: str | None, item: str | None = None) -> str:
        """The measure a problem of checklist ``item`` in ``category`` gets unless the
        reviewer chooses another: the item's rule, else its category's, else the fallback."""
        for item_id, measure in self.item_defaults:
            if item_id == (item or ""):
                return measure
        for word, measure in self.defaults:
            if word in (category or ""):
                return measure
        return self.fallback

    def measure_id(self, text: str) -> str:
        """A measure from its label or id, as typed (``letter decision --measure 1=撤销``)."""
        wanted = (text or "").strip()
        for m in self.measures.values():
            if wanted in (m.id, m.label):
                return m.id
        known = "、".join(m.label for m in self.measures.values())
        raise UserError(f"没有名为“{wanted}”的监督措施。可选：{known}")


@cache
def measure_table(folder: Path | None = None) -> MeasureTable:
    """``resources/decision_measures.yaml`` as loaded and checked (a rule naming a measure
    the file does not define is refused, so a typo there cannot reach a letter)."""
    path = (folder or resources_dir()) / MEASURES_FILE
    raw: dict[str, Any] = read_yaml(path) or {}
    measures = {
        key: Measure(key, str(value["label"]), str(value["text"]))
        for key, value in (raw.get("measures") or {}).items()
    }
    rules = raw.get("defaults") or []
    items = tuple((str(r["item"]), str(r["measure"])) for r in rules if "item" in r)
    defaults = tuple((str(r["category"]), str(r["measure"])) for r in rules if "category" in r)
    fallback = str(raw.get("fallback", ""))
    for measure in [m for _w, m in items + defaults] + [fallback]:
        if measure not in measures:
            raise UserError(f"{path.name}：默认措施“{measure}”未在 measures 中定义。")
    return MeasureTable(measures, items, defaults, fallback)


def parse_measure_choices(items: Iterable[str]) -> dict[int, str]:
    """``["1=撤销", "3=确认违法"]`` → {1: "revoke", 3: "confirm"} (the command line's form)."""
    table = measure_table()
    chosen: dict[int, str] = {}
    for item in items:
        match = re.fullmatch(r"\s*(\d+)\s*[=＝:：]\s*(.+?)\s*", item or "")
        if not match:
            raise UserError(f"“{item}”应写成“问题序号=措施”，如“1=撤销”。")
        chosen[int(match.group(1))] = table.measure_id(match.group(2))
    return chosen


def with_measures(
    problems: list[dict[str, Any]], chosen: Mapping[int, str] | None
) -> list[dict[str, Any]]:
    """The problems, each with its measure: the reviewer's choice, else the default of its
    category. A choice for a problem the decision does not list is refused."""
    table = measure_table()
    chosen = dict(chosen or {})
    unknown = sorted(set(chosen) - {p["seq"] for p in problems})
    if unknown:
        listed = "、".join(str(p["seq"]) for p in problems)
        raise UserError(
            f"决定书没有第{'、'.join(map(str, unknown))}项问题（列出的问题序号为{listed}）。"
        )
    out = []
    for p in problems:
        measure = table.measures[
            table.measure_id(chosen[p["seq"]])
            if p["seq"] in chosen
            else table.default_for(p.get("category"), p.get("item"))
        ]
        out.append({**p, "measure": measure.id, "measure_label": measure.label})
    return out


def decision_items(problems: list[dict[str, Any]]) -> list[str]:
    """One decision per measure, naming the problems it covers in the order they are
    listed (“对上述第1、3项问题，责令你单位……”): a measure for every problem, none twice."""
    table = measure_table()
    order: dict[str, list[int]] = {}
    for p in problems:
        order.setdefault(p["measure"], []).append(p["seq"])
    return [
        f"对上述第{'、'.join(map(str, seqs))}项问题，{table.measures[measure].text}"
        for measure, seqs in order.items()
    ]


def opening(
    *,
    requested_by: str | None,
    opinion_date: str,
    opinion_number: str,
    opinion_deadline: str,
) -> str:
    """The decision's first paragraph. ``requested_by``: the 司法局 that issued the opinion
    when it asked the 本级人民政府 to issue the decision (seed 002 item 15); None when the
    bureau decides itself."""
    who = requested_by or "本机关"
    text = (
        f"{who}于{opinion_date}向你单位发出《行政执法监督意见书》（{opinion_number}），"
        f"要求你单位于{opinion_deadline}前完成整改并书面回复。整改期限届满，你单位未按要求完成整改。"
    )
    if requested_by:
        text += f"经{requested_by}报请，本机关依法作出行政执法监督决定。"
    return text


def objection(days: int) -> str:
    """The 异议/复查 path of a decision (to the organ that issued it)."""
    return (
        f"你单位对本决定有异议的，可以自收到本决定书之日起{days}日内向本机关书面申请复查；"
        "复查期间，本决定不停止执行。"
    )
