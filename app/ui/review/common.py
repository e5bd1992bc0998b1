"""Small helpers shared by the review windows: Chinese texts for scores and states."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from app.errors import UserError, os_reason
from app.ui.qt import QtWidgets
from scoring.checklist import fmt_points
from scoring.scores import ScoreResult

T = TypeVar("T")

STATE_LABELS = {"pending": "待处理", "accepted": "已采纳", "rejected": "不采纳"}
ORIGIN_LABELS = {"manual": "人工", "precheck": "预检"}


def score_text(result: ScoreResult) -> str:
    """``得分 86.5　等次 良好`` or, with a veto item, ``得分 97　否决：不合格（P-1.1）``."""
    if result.vetoed:
        items = "、".join(result.veto_items)
        return f"得分 {fmt_points(result.total)}　否决：{result.grade}（否决项 {items}）"
    return f"得分 {fmt_points(result.total)}　等次 {result.grade}"


def split_names(text: str) -> list[str]:
    """Names typed in one box, separated by 、，, ; or spaces."""
    for sep in "、，,;；\n\t":
        text = text.replace(sep, " ")
    return [part for part in text.split(" ") if part.strip()]


def attempt(parent: QtWidgets.QWidget | None, title: str, call: Callable[[], T]) -> T | None:
    """Run a service call; a refusal (``UserError``) is shown in Chinese and gives None."""
    try:
        return call()
    except UserError as exc:
        QtWidgets.QMessageBox.warning(parent, title, str(exc))
        return None


def ask_identity(
    parent: QtWidgets.QWidget | None, services: Any, tasks: Any, campaign_id: int | None = None
) -> bool:
    """我的身份: the person at this machine, chosen from the review groups (the campaign's
    ``campaign_id`` first) or, once, typed as a new member (asked to confirm, so a typo
    does not make a new person). Saved (``Services.set_reviewer_name``) on the writer of
    ``tasks`` (a ``TaskManager``), whose change signal then tells every panel. Returns
    whether a name was saved."""
    from app.identity import people_to_offer
    from app.ui.parts import confirm

    current = (services.settings.reviewer_name or "").strip()
    campaigns = services.campaigns.list()
    campaigns.sort(key=lambda c: c.id != campaign_id)  # the open campaign's group first
    people = people_to_offer(([*c.reviewers, *c.leads] for c in campaigns), current)
    name, ok = QtWidgets.QInputDialog.getItem(
        parent,
        "我的身份",
        "您的姓名（从评查组名单中选择；不在名单中的可直接输入）：",
        people,
        0,
        True,
    )
    name = (name or "").strip()
    if not ok or not name:
        return False
    if (
        people
        and name not in people
        and not confirm(parent, "新成员", f"“{name}”不在评查组名单中。以此姓名作为您的身份？")
    ):
        return False
    try:
        tasks.run_op_and_wait(lambda: services.set_reviewer_name(name), initiator=parent)
    except OSError as exc:
        QtWidgets.QMessageBox.warning(parent, "无法保存设置", f"设置文件写入失败：{os_reason(exc)}")
        return False
    return True


def table_item(text: Any, data: Any = None) -> QtWidgets.QTableWidgetItem:
    from app.ui.qt import Qt

    item = QtWidgets.QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item
