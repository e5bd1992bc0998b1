"""The data of the 评查情况通报 (circular): the context the circular template is filled with.

Plain values only (str, int, lists and dicts of them, and :class:`Picture` for the charts);
numbers the template prints are already formatted ("97.5", "25.0%"). The keys are the
contract with ``templates/fields.yaml`` (``circular``). Example texts are anonymised: no
party's name, ID or phone number reaches the circular (DOMAIN §6).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.anonymise import anonymise, anonymise_all
from app.documents.campaign_stats import (
    CampaignStats,
    CampaignSummary,
    DeductionRow,
)
from app.documents.charts import CHART_TITLES, render_charts
from app.documents.cited_basis import page_text
from app.documents.images import Picture
from scoring.time_limits import format_cn_date as cn_date

EXAMPLES_PER_CATEGORY = 3
TOP_ITEMS = 10
CHART_WIDTH_MM = 140.0
NO_VALUE = "—"
# The four columns of the department table, by the grade names of the usual bands.
GRADE_COLUMNS = {"excellent": "优秀", "good": "良好", "passed": "合格", "failed": "不合格"}


def score_text(value: float) -> str:
    """A score or points as the circular prints it: one decimal place."""
    return f"{value:.1f}"


def circular_title(stats: CampaignStats) -> str:
    return f"关于{stats.period_label}行政执法案卷{stats.kind_label}情况的通报"


def _examples(rows: list[DeductionRow], names: tuple[str, ...]) -> list[dict[str, str]]:
    """Up to three examples of a category: the most frequent items first, one case each,
    never the same text twice."""
    frequency: dict[str, int] = {}
    for r in rows:
        frequency[r.item_id] = frequency.get(r.item_id, 0) + 1
    ordered = sorted(
        enumerate(rows), key=lambda ir: (-frequency[ir[1].item_id], ir[1].item_id, ir[0])
    )
    chosen: list[dict[str, str]] = []
    seen_texts: set[str] = set()
    seen_items: set[str] = set()
    # first pass: one example per item; second pass: fill up with further cases
    for first_pass in (True, False):
        for _i, r in ordered:
            if len(chosen) >= EXAMPLES_PER_CATEGORY:
                return chosen
            if first_pass and r.item_id in seen_items:
                continue
            # the page goes before the closing stop: never "…。（第13页）。"
            text = anonymise(r.reason, names).rstrip("。；;，, ")
            if page := page_text(r.page, text):  # never "（第5页）…（第5页）"
                text = f"{text}（{page}）"
            if text in seen_texts:
                continue
            seen_texts.add(text)
            seen_items.add(r.item_id)
            chosen.append({"case_no": r.case_no, "text": text})
    return chosen


def publication_names(stats: CampaignStats) -> tuple[str, ...]:
    """The names a published paper of the campaign masks: officers' and parties'."""
    return (*stats.personal_names, *(c.party for c in stats.cases if c.party))


def _categories(stats: CampaignStats) -> list[dict[str, Any]]:
    names = publication_names(stats)
    found = [c for c in stats.categories if c.count]
    found.sort(key=lambda c: (-c.count, -c.points_lost))
    return [
        {
            "name": c.name,
            "count": c.count,
            "points_lost": score_text(c.points_lost),
            "examples": _examples([r for r in stats.deductions if r.category == c.name], names),
        }
        for c in found
    ]


def _departments(stats: CampaignStats, rectification: Mapping[str, str]) -> list[dict[str, Any]]:
    result = []
    for d in stats.departments:
        scored = bool(d.scored)
        row: dict[str, Any] = {
            "rank": d.rank if d.rank is not None else "",
            "name": d.name,
            "cases": d.scored,
            "average": score_text(d.average) if scored else NO_VALUE,
            "median": score_text(d.median) if scored else NO_VALUE,
        }
        for key, grade in GRADE_COLUMNS.items():
            row[key] = int(d.grades.get(grade, 0))
        row["rectification"] = str(rectification.get(d.name, "") or "")
        result.append(row)
    return result


def _excellent_cases(stats: CampaignStats) -> list[dict[str, Any]]:
    """The files of the best grade, best first: the circular names good work too."""
    best = stats.grade_order[0] if stats.grade_order else GRADE_COLUMNS["excellent"]
    rows = sorted(
        (c for c in stats.cases if c.scored and c.grade == best and c.total is not None),
        key=lambda c: (-(c.total or 0), c.department, c.case_no),
    )
    return [
        {"department": c.department, "case_no": c.case_no, "score": score_text(c.total or 0)}
        for c in rows
    ]


def _failed_cases(stats: CampaignStats) -> list[dict[str, Any]]:
    """The annex's list of 不合格 files: the worst grade, with the veto items that made it."""
    worst = stats.grade_order[-1] if stats.grade_order else GRADE_COLUMNS["failed"]
    rows = sorted(
        (c for c in stats.cases if c.scored and c.grade == worst),
        key=lambda c: (c.department, c.case_no),
    )
    return [
        {
            "seq": n,
            "department": c.department,
            "case_no": c.case_no,
            "score": score_text(c.total or 0),
            # a veto item is "P-1.1 执法主体合法…": the wording only, never our code
            "reason": "否决项：" + "；".join(v.split(" ", 1)[-1] for v in c.veto_items)
            if c.veto_items
            else "得分未达合格标准",
        }
        for n, c in enumerate(rows, start=1)
    ]


def _change(now: float, before: float) -> str:
    diff = round(now - before, 1)
    if diff > 0:
        return (
            f"平均分{score_text(now)}分，比上期（{score_text(before)}分）提高{score_text(diff)}分"
        )
    if diff < 0:
        return (
            f"平均分{score_text(now)}分，比上期（{score_text(before)}分）下降{score_text(-diff)}分"
        )
    return f"平均分{score_text(now)}分，与上期持平"


def comparison_sentence(stats: CampaignStats, previous: CampaignSummary | None) -> str:
    """One sentence comparing the average and the grade counts with the previous campaign
    of the same kind; "" when there is none (or either has no scored case)."""
    if previous is None or not previous.scored or not stats.scored:
        return ""
    now = {g.grade: g.count for g in stats.grades}
    grades = "、".join(
        f"{grade}{now.get(grade, 0)}件（上期{previous.grades.get(grade, 0)}件）"
        for grade in stats.grade_order
    )
    return (
        f"与{previous.period_label}{stats.kind_label}相比，本期{stats.kind_label}案卷"
        f"{stats.scored}件（上期{previous.scored}件），{_change(stats.average, previous.average)}；"
        f"其中{grades}。"
    )


def _charts(stats: CampaignStats, chart_dir: Path) -> list[dict[str, Any]]:
    files = render_charts(stats, chart_dir, formats=("png",), titled=False)
    return [
        {"title": CHART_TITLES[f.stem], "picture": Picture(f, width_mm=CHART_WIDTH_MM)}
        for f in files
    ]


def circular_context(
    stats: CampaignStats,
    *,
    organ: str,
    issued_date: date,
    chart_dir: Path,
    number: str = "",
    corrections: Mapping[str, int] | None = None,
    rectification: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Everything the 评查情况通报 template shows, from a campaign's statistics
    (``campaign_stats``); the charts are drawn as PNG files into ``chart_dir`` (a folder the
    caller keeps until the document is rendered)."""
    if corrections:
        stats = dataclasses.replace(stats, corrections={k: int(v) for k, v in corrections.items()})
    departments_with_cases = sum(1 for d in stats.departments if d.scored)
    scored = bool(stats.scored)
    context = {
        "organ": organ,
        "number": number or "",
        "title": circular_title(stats),
        "campaign_name": stats.name,
        "period_label": stats.period_label,
        "kind_label": stats.kind_label,
        "issued_date": cn_date(issued_date),
        "summary": {
            "cases": stats.scored,
            "departments": departments_with_cases,
            "average": score_text(stats.average) if scored else NO_VALUE,
            "median": score_text(stats.median) if scored else NO_VALUE,
            "highest": score_text(stats.highest) if scored else NO_VALUE,
            "lowest": score_text(stats.lowest) if scored else NO_VALUE,
            "vetoed": stats.vetoed,
        },
        "grades": [
            {"grade": g.grade, "count": g.count, "share": f"{g.share:.1f}%"} for g in stats.grades
        ],
        "departments": _departments(stats, rectification or {}),
        "rectifications": [
            {"department": name, "state": str(state)}
            for name, state in (rectification or {}).items()
            if state
        ],
        "excellent_cases": _excellent_cases(stats),
        "failed_cases": _failed_cases(stats),
        "categories": _categories(stats),
        "top_items": [
            {"item": i.item_id, "text": i.text, "count": i.count} for i in stats.items[:TOP_ITEMS]
        ],
        "comparison": comparison_sentence(stats, stats.previous),
        "corrections": [
            {"department": str(name), "count": int(count)}
            for name, count in (corrections or {}).items()
        ],
        "charts": _charts(stats, Path(chart_dir)),
    }
    # A published paper: every text of it masked, not only the quoted examples (DOMAIN §6).
    return dict(anonymise_all(context, publication_names(stats)))
