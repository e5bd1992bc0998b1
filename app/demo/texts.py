"""The wording of the demo documents, read from texts.yaml and filled from a case.

The documents differ in their words, not in how they are built: keeping the words as data
lets one function render every letter, and lets a wording change (a law article, a
sentence the ``law`` helper rewords) be made without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.demo.case import Case
from app.paths import read_yaml

_TEXTS = Path(__file__).with_name("texts.yaml")

#: A template, or {unless: DEFECT, text: template}: left out where the case plants DEFECT.
Paragraph = str | dict[str, str]


@dataclass(frozen=True)
class LetterForm:
    """A numbered letter: its title ("" = the department's own), day, 文号 word, role, body."""

    title: str
    date_key: str
    word: str
    role: str
    body: tuple[Paragraph, ...]


@cache
def _data() -> dict[str, Any]:
    return read_yaml(_TEXTS)


def law(name: str) -> str:
    """The full name of a law the documents cite (``laws`` of texts.yaml)."""
    return str(_data()["laws"][name])


def phrase(name: str) -> str:
    """A sentence a document chooses (``phrases`` of texts.yaml)."""
    return str(_data()["phrases"][name])


def decision_form(doc_type: str) -> tuple[Paragraph, ...]:
    """The paragraphs of the decision ``doc_type`` (``decisions`` of texts.yaml)."""
    return tuple(_data()["decisions"][doc_type])


@cache
def letter_form(doc_type: str) -> LetterForm:
    raw = _data()["letters"][doc_type]
    return LetterForm(raw["title"], raw["date"], raw["word"], raw["role"], tuple(raw["body"]))


class _Dates:
    """``{date[KEY]}``: the case's day KEY written as 2024年3月5日."""

    def __init__(self, case: Case) -> None:
        self._case = case

    def __getitem__(self, key: str) -> str:
        return self._case.fmt(key, ("ymd_cn",))


class _Fields(dict[str, Any]):
    """The named fields of a template: those passed in, then the case's own."""

    def __init__(self, case: Case, fields: dict[str, Any]) -> None:
        super().__init__(fields)
        self._case = case

    def __missing__(self, name: str) -> Any:
        if name == "date":
            return _Dates(self._case)
        if name == "party":
            return self._case.party.name
        if name in _data()["laws"]:
            return law(name)
        return getattr(self._case, name)


def fill(case: Case, template: str, **fields: Any) -> str:
    """``template`` with its named fields filled from ``fields`` and the case."""
    return template.format_map(_Fields(case, fields))


def _template(case: Case, paragraph: Paragraph) -> str:
    if isinstance(paragraph, str):
        return paragraph
    return "" if case.has(paragraph["unless"]) else paragraph["text"]


def paragraphs(case: Case, templates: tuple[Paragraph, ...], **fields: Any) -> list[str]:
    """The filled paragraphs, those rendering empty left out (a sentence this case lacks)."""
    filled = (fill(case, _template(case, t), **fields) for t in templates)
    return [p for p in filled if p]
