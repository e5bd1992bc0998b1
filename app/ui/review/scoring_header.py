"""The header of the scoring window: the score, the sign-off state and who is scoring.

Kept apart from the window so the rules of "whose review does this person work on" (blind
double review, team mode, the lead's final review) sit in one small place, testable without
the pages and the checklist around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.ui.parts import split_row
from app.ui.qt import Qt, QtCore, QtWidgets
from app.ui.review.common import score_text
from scoring.scores import ScoreResult


@dataclass(frozen=True)
class Role:
    """Who is scoring: a reviewer of a double review, the lead (final review), or anyone."""

    label: str
    reviewer: str | None  # passed to the service calls
    final: bool = False


def roles_for(
    scope: Any, double_review: bool, assigned: Sequence[str], reviewers: Sequence[str], me: str
) -> list[Role]:
    """Whose review the window works on. Outside team mode: the one review, or in a double
    review each reviewer's and the lead's (``me``). In team mode a reviewer works only on
    their own review (blind); a lead sees the reviews of the people assigned to the case
    and, in a double review, writes the final one."""
    if scope.team_mode and scope.role == "reviewer":
        return [Role(f"评查人 {scope.name}", scope.name)]
    if not double_review:
        if scope.team_mode and scope.role == "lead" and assigned:
            return [Role(f"评查人 {n}", n) for n in assigned]
        return [Role("评查人", None)]
    names = (list(assigned) if scope.team_mode else []) or list(reviewers) or [me]
    roles = [Role(f"评查人 {n}".strip(), n or None) for n in names]
    roles.append(Role(f"组长 {me}（最终结果）", me, final=True))
    return roles


class ScoringHeader(QtWidgets.QWidget):
    """Score and grade, sign-off state, the role chooser and the lead's two buttons."""

    def __init__(self, roles: list[Role], show_roles: bool) -> None:
        super().__init__()
        self.score_label = QtWidgets.QLabel()
        self.score_label.setObjectName("scoreLabel")
        font = self.score_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.score_label.setFont(font)
        self.signoff_label = QtWidgets.QLabel()
        self.signoff_label.setObjectName("signoffLabel")
        self.role_box = QtWidgets.QComboBox()
        self.set_roles(roles)
        self.reconcile_button = QtWidgets.QPushButton("差异核对…")
        self.signoff_button = QtWidgets.QPushButton("签字确认")
        self.role_caption = QtWidgets.QLabel("评查人：")
        # Why the lead's buttons are greyed, said beside them (a tooltip is never seen).
        self.lead_reason = QtWidgets.QLabel()
        self.lead_reason.setObjectName("leadReason")
        self.lead_reason.setStyleSheet("color: #555555;")
        self.lead_reason.hide()

        layout = QtWidgets.QHBoxLayout(self)
        layout.addWidget(self.score_label)
        layout.addSpacing(24)
        # The sign-off state beside the score; the role and the lead's buttons at the right.
        right = [
            self.role_caption,
            self.role_box,
            self.lead_reason,
            self.reconcile_button,
            self.signoff_button,
        ]
        layout.addLayout(split_row([self.signoff_label], right), 1)
        self.role_caption.setVisible(show_roles)
        self.role_box.setVisible(show_roles)

    def set_roles(self, roles: list[Role]) -> None:
        """Offer ``roles``, keeping the current choice where it is still offered (the lead's
        role is kept as the lead's when the person at the machine changed name)."""
        current = self.role_box.currentData()
        self.role_box.blockSignals(True)
        self.role_box.clear()
        for role in roles:
            self.role_box.addItem(role.label, role)
        kept = next(
            (
                i
                for i, role in enumerate(roles)
                if current is not None
                and role.final == current.final
                and (role.final or role.reviewer == current.reviewer)
            ),
            0,
        )
        self.role_box.setCurrentIndex(kept)
        self.role_box.blockSignals(False)

    def role(self) -> Role:
        return self.role_box.currentData()

    def set_role(self, reviewer: str | None, final: bool = False) -> None:
        for i in range(self.role_box.count()):
            role = self.role_box.itemData(i)
            if role.reviewer == reviewer and role.final == final:
                self.role_box.setCurrentIndex(i)
                return
        raise KeyError(reviewer)

    def show_score(self, result: ScoreResult, waiting: bool) -> None:
        self.score_label.setText("尚未合并两位评查人的结果" if waiting else score_text(result))
        self.score_label.setStyleSheet("color: #b00020;" if result.vetoed else "")

    def show_lead_buttons(self, double: bool, final: bool, may_lead: bool, leads: str) -> None:
        """Reconcile only on the final review of a double review; sign off on the one review
        or the final one; both only for a lead when the campaign names leads."""
        self.reconcile_button.setVisible(double and final)
        self.signoff_button.setVisible(not double or final)
        reason = "" if may_lead else f"只有组长（{leads}）可以合并与签字确认"
        for button in (self.reconcile_button, self.signoff_button):
            button.setEnabled(may_lead)
            button.setToolTip(reason)
        self.lead_reason.setText(reason)
        shown = self.reconcile_button.isVisibleTo(self) or self.signoff_button.isVisibleTo(self)
        self.lead_reason.setVisible(bool(reason) and shown)

    def show_signoff(self, status: dict[str, Any], cleared: bool) -> bool:
        """Show the sign-off state; returns whether "cleared by an edit" is still to be said."""
        if status["signed_off"]:
            when = QtCore.QDateTime.fromString(status["signed_off_at"][:19], Qt.DateFormat.ISODate)
            when.setTimeZone(QtCore.QTimeZone.utc())
            self.signoff_label.setText(
                f"✔ 已签字确认（{status['signed_off_by']}，"
                f"{when.toLocalTime().toString('yyyy-MM-dd HH:mm')}）"
            )
            self.signoff_label.setStyleSheet("color: #1b7f3b;")
            return False
        if cleared or status.get("signoff_cleared"):
            self.signoff_label.setText("签字确认已因修改撤销，需组长重新签字确认")
            self.signoff_label.setStyleSheet("color: #c25e00;")
        else:
            self.signoff_label.setText("未签字确认")
            self.signoff_label.setStyleSheet("color: #555555;")
        return cleared
