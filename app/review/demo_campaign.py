"""The demo campaign: a spot-check of the demo library, scored from its pre-checks and
signed off, so a first-time user (and the documents' tests and screenshots) can produce
every paper — 评查表, 监督意见书, 监督决定书, 通报, Excel, charts — without scoring by hand.

Built only once the demo dossiers have been read (pre-checks need their facts)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.errors import UserError
from app.review.campaigns import CampaignService
from app.review.letter_dates import date_sign_offs
from app.review.reviews import ReviewService
from app.store.database import Database
from app.store.models import CaseFile

DEMO_REVIEWER = "演示评查员"
DEMO_LEAD = "演示组长"


def previous_quarter(today: date) -> str:
    quarter = (today.month - 1) // 3  # 0-based quarter of today = 1-based previous quarter
    return f"{today.year}Q{quarter}" if quarter else f"{today.year - 1}Q4"


def build_demo_campaign(db: Database, checklists: object, today: date) -> int:
    """The id of the demo spot-check of last quarter (created, scored and signed off on the
    first call; returned as it is afterwards)."""
    from app.review.campaigns import period_label

    if not db.demo_library:  # its dossiers are the demo's: never a campaign of real work
        raise UserError("演示评查活动只能在演示库中建立（窗口：文件 → 打开演示库）。")
    period = previous_quarter(today)
    # named as a bureau names its spot-check, for the name is read inside the 通报's
    # sentences ("组织开展了{name}。": 抽查 in it, so no （抽查） is added); the demo shows
    # as demo by the window title and its 演司监 letters
    name = f"{period_label(period)}行政执法案卷抽查评查"
    built_before = f"演示：{period_label(period)}行政执法案卷抽查"  # its name until 2026-12
    campaigns = CampaignService(db, checklists, who=DEMO_REVIEWER)
    for info in campaigns.list():
        if info.name in (name, built_before):
            return info.id
    with db.session() as session:
        rows = session.execute(
            select(CaseFile.id, CaseFile.status)
            .where(CaseFile.demo.is_(True))
            .order_by(CaseFile.id)
        ).all()
    if not rows:
        raise UserError("案卷库中没有演示案卷，请先生成演示案卷库。")
    unread = [case_id for case_id, status in rows if status in ("imported", "processing")]
    if unread:
        raise UserError(f"还有 {len(unread)} 卷演示案卷尚未识别完成，请稍后再建演示评查活动。")
    cases = [case_id for case_id, _status in rows]
    campaign = campaigns.create(name, "spotcheck", period, reviewers=[DEMO_REVIEWER]).id
    campaigns.add_cases(campaign, cases)
    reviews = ReviewService(db, checklists, default_reviewer=DEMO_REVIEWER, who=DEMO_REVIEWER)
    for case in cases:
        reviews.accept_prechecks(campaign, case)
        reviews.signoff(campaign, case, lead=DEMO_LEAD)
    # the demo's letters are dated on its 'today', which --today may put behind the clock
    date_sign_offs(db, campaign, today)
    return campaign
