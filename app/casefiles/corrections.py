"""A reviewer's corrections to what the machine read: facts and the document outline.

A corrected fact is stored with ``source='user'`` beside the extracted one and wins over it,
now and after any re-run of OCR. An outline entry the reviewer retyped, merged or split is
marked ``user_edited`` — that entry only: re-reading the dossier keeps it as the reviewer
left it and refreshes the machine's other entries around it (``splitting.fill_around``), so
fixing one document never freezes the rest of the outline against a better reading.
Every correction goes to the audit log.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audited import AuditedService
from app.casefiles.amounts import parse_amount
from app.casefiles.case_detail import CLI_DATES, DATE_FACT_PREFIX
from app.casefiles.cn_dates import parse_date
from app.changes import OpChanges, OpResult
from app.errors import NotFoundError, UserError
from app.store import audit
from app.store.models import CaseField, Document
from app.store.repositories import require_case_file
from scoring.prechecks.periods import period_text, stated_period

ALL_DATES = (*CLI_DATES, "discovered", "notice_served")
FACT_LABELS = {
    "case_no": "案号",
    "party": "当事人",
    "cause": "案由",
    "fine_yuan": "罚款金额（元）",
    **{
        DATE_FACT_PREFIX + k: label
        for k, label in {
            "discovered": "发现日期",
            "filed": "立案日期",
            "notice": "告知日期",
            "notice_served": "告知书送达日期",
            "decided": "决定日期",
            "served": "决定书送达日期",
            "closed": "结案日期",
            "seized": "查封扣押日期",
            "released": "解除日期",
            "demand_served": "催告书送达日期",
            "enforcement_decided": "强制执行决定日期",
            # read by app.review (强制执行现场笔录, 公示 record): correctable like the others
            "enforced": "强制执行日期",
            "published": "公示日期",
        }.items()
    },
    # Periods the documents state (the law fixes none): they bind the organ (scoring/prechecks).
    "defence_period": "告知书载明的陈述申辩期限",
    "demand_period": "催告书载明的履行期限",
    # Read from the text by app.review (法制审核意见书's 审核人; 加处罚款决定书/催告书): a
    # reviewer's value wins there too.
    "legal_reviewers": "法制审核人员",
    "late_fine_yuan": "加处罚款金额（元）",
}
PERIOD_FACTS = ("defence_period", "demand_period")
#: Facts the pre-checks read from the text whose correction replaces the reading.
TEXT_FACTS = ("legal_reviewers", "late_fine_yuan")
_CACHED_COLUMNS = ("case_no", "party", "cause")  # also kept on the case row for the library list


def facts_changed(case_id: int) -> OpChanges:
    """What a correction changed: the dossier's facts or outline."""
    return OpChanges(case_facts=True).with_ids(None, case_id)


def _normalise(name: str, value: str) -> str:
    value = value.strip()
    if not value:
        raise UserError(f"{FACT_LABELS[name]}不能为空；如要撤销更正，请使用“恢复识别结果”。")
    if name.startswith(DATE_FACT_PREFIX):
        return _typed_date(FACT_LABELS[name], value).isoformat()
    if name in PERIOD_FACTS:
        period = stated_period(value if value.endswith("内") else value + "内")
        if period is None:
            raise UserError(f"{FACT_LABELS[name]}应写为“5个工作日”“10日”这样的期限：{value}")
        return period_text(period)
    if name == "legal_reviewers":
        names = [n for n in re.split(r"[、，,;；\s]+", value) if n]
        return "、".join(names)
    if name in ("fine_yuan", "late_fine_yuan"):
        amount = parse_amount(value)
        if amount is None:
            raise UserError(
                f"无法识别的{FACT_LABELS[name].removesuffix('（元）')}：{value}。"
                "可写作 8800、8,800元、8800.00元、0.88万元、"
                "捌仟捌佰元或八千八百元。"
            )
        return f"{amount:g}" if not amount.is_integer() else str(int(amount))
    return value


_YMD8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _typed_date(label: str, value: str) -> date:
    """A date as reviewers write it: 2024年7月13日, 2024.7.13, 2024-7-13, 2024/7/13,
    二〇二四年七月十三日, 20240713 (the readers of ``cn_dates``, which also read the OCR)."""
    found = parse_date(value)
    digits = _YMD8.match(value)
    if found is None and digits is not None:
        try:
            found = date(int(digits[1]), int(digits[2]), int(digits[3]))
        except ValueError:
            found = None
    if found is None:
        raise UserError(
            f"无法识别的{label}：{value}。可写作 2024年7月13日、2024.7.13、2024-7-13、"
            "2024/7/13 或 二〇二四年七月十三日。"
        )
    return found


class CorrectionService(AuditedService):
    # ---------------------------------------------------------------- facts
    def set_fact(
        self, case_id: int, name: str, value: str, page: int | None = None
    ) -> OpResult[str]:
        """Store the reviewer's value of a fact (the value: as normalised and stored)."""
        if name not in FACT_LABELS:
            raise UserError(f"未知的要素“{name}”。可更正：{'、'.join(FACT_LABELS)}")
        value = _normalise(name, value)
        with self.db.session() as session:
            case = require_case_file(session, case_id)
            before = {f.source: f.value for f in case.fields if f.name == name}
            user = next((f for f in case.fields if f.name == name and f.source == "user"), None)
            if user is None:
                session.add(
                    CaseField(
                        case_file_id=case_id, name=name, value=value, page=page, source="user"
                    )
                )
            else:
                user.value, user.page = value, page
            if name in _CACHED_COLUMNS:
                setattr(case, name, value)
            audit.record(
                session, self.who, "case_field", case_id, "correct", {name: before}, {name: value}
            )
        return OpResult(value, facts_changed(case_id))

    def confirm_fact(
        self, case_id: int, name: str, *, reading: int | None = None, value: str | None = None
    ) -> OpResult[str]:
        """Confirm a 待核实 fact: pick candidate reading ``reading`` (1-based, as listed by
        ``case doubtful``) or type ``value``. Stored as the reviewer's correction (source user),
        so it wins now and after any re-run of OCR, and reads as confirmed."""
        if (reading is None) == (value is None):
            raise UserError(
                "请选择一个候选读法（--reading N），或直接填写数值（--value V），二者选一。"
            )
        if name not in FACT_LABELS:
            raise UserError(f"未知的要素“{name}”。可更正：{'、'.join(FACT_LABELS)}")
        with self.db.session() as session:
            case = require_case_file(session, case_id)
            stored = next(
                (f.readings for f in case.fields if f.name == name and f.source == "extracted"),
                None,
            )
            readings = [r for r in stored or [] if isinstance(r, dict)]
        if reading is not None:
            if not 1 <= reading <= len(readings):
                raise UserError(
                    f"{FACT_LABELS[name]}没有第 {reading} 种候选读法"
                    + (f"（共 {len(readings)} 种）。" if readings else "（未保存候选读法）。")
                )
            chosen = readings[reading - 1]
            return self.set_fact(case_id, name, str(chosen.get("value")), chosen.get("page"))
        assert value is not None
        page = next((r.get("page") for r in readings if r.get("value") == value.strip()), None)
        return self.set_fact(case_id, name, value, page)

    def clear_fact(self, case_id: int, name: str) -> OpChanges:
        """Drop the user's correction: the extracted value (if any) applies again."""
        with self.db.session() as session:
            case = require_case_file(session, case_id)
            user = [f for f in case.fields if f.name == name and f.source == "user"]
            extracted = next(
                (f.value for f in case.fields if f.name == name and f.source == "extracted"), None
            )
            for field in user:
                session.delete(field)
            if name in _CACHED_COLUMNS:
                setattr(case, name, extracted)
            audit.record(
                session,
                self.who,
                "case_field",
                case_id,
                "clear",
                {name: [f.value for f in user]},
                {name: extracted},
            )
        return facts_changed(case_id)

    # -------------------------------------------------------------- outline
    def _documents(self, session, case_id: int) -> list[Document]:
        return list(
            session.scalars(
                select(Document)
                .where(Document.case_file_id == case_id)
                .order_by(Document.first_page)
            )
        )

    def _outline_edited(
        self,
        session: Session,
        edited: list[Document],
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any],
    ) -> None:
        """The one ending of every outline edit: the entries the reviewer touched become
        theirs (re-reading keeps them), and the edit goes to the audit log."""
        for document in edited:
            document.user_edited = True
        session.flush()
        audit.record(session, self.who, "document", edited[0].id, action, before, after)

    def retype(
        self, case_id: int, document_id: int, new_type: str, title: str | None = None
    ) -> OpChanges:
        with self.db.session() as session:
            documents = self._documents(session, case_id)
            document = self._document(documents, document_id)
            before = {"type": document.type, "title": document.title}
            document.type = new_type
            if title is not None:
                document.title = title
            self._outline_edited(
                session, [document], "retype", before, {"type": new_type, "title": title}
            )
        return facts_changed(case_id)

    def merge_with_next(self, case_id: int, document_id: int) -> OpChanges:
        """Join a document with the one after it (the splitter cut one document in two)."""
        with self.db.session() as session:
            documents = self._documents(session, case_id)
            document = self._document(documents, document_id)
            position = documents.index(document)
            if position + 1 >= len(documents):
                raise UserError("这是最后一份文书，没有可合并的下一份。")
            following = documents[position + 1]
            before = {
                "first": [document.first_page, document.last_page],
                "next": [following.first_page, following.last_page],
            }
            document.last_page = following.last_page
            session.delete(following)
            self._outline_edited(
                session, [document], "merge", before, {"last_page": document.last_page}
            )
        return facts_changed(case_id)

    def split_at(
        self, case_id: int, document_id: int, page: int, new_type: str, title: str | None = None
    ) -> OpResult[int]:
        """Start a new document at ``page`` inside an existing one (two documents the splitter
        joined); the value: the new document's id."""
        with self.db.session() as session:
            documents = self._documents(session, case_id)
            document = self._document(documents, document_id)
            if document.first_page == document.last_page:
                raise UserError("这份文书只有一页，不能拆分。")
            if not document.first_page < page <= document.last_page:
                raise UserError(
                    f"拆分页应在第 {document.first_page + 1} 页到第 {document.last_page} 页之间（该文书为第 "
                    f"{document.first_page}–{document.last_page} 页）。"
                )
            new = Document(
                case_file_id=case_id,
                type=new_type,
                title=title,
                first_page=page,
                last_page=document.last_page,
                user_edited=True,
            )
            document.last_page = page - 1
            session.add(new)
            session.flush()
            self._outline_edited(
                session, [document, new], "split", None, {"at": page, "new": new.id}
            )
            return OpResult(new.id, facts_changed(case_id))

    # -------------------------------------------------------------- helpers
    @staticmethod
    def _document(documents: list[Document], document_id: int) -> Document:
        for document in documents:
            if document.id == document_id:
                return document
        raise NotFoundError(f"该案卷中没有编号为 {document_id} 的文书。")
