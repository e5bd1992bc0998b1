"""The review workflow in the window on a real demo library: campaigns through the dialog,
cases added from the library, scoring through the deduction form, veto, pre-checks accepted
and rejected, double review reconciled by the lead, sign-off shown and cleared by an edit."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.config import Paths, RunContext
from app.services import Services
from app.store.models import PrecheckSuggestion
from app.ui.main_window import MainWindow
from app.ui.qt import Qt, QtWidgets
from app.ui.review.campaign_dialogs import AddCasesDialog, CreateCampaignDialog, SampleDialog
from app.ui.review.campaign_window import CampaignWindow
from app.ui.review.reconcile_dialog import ReconcileDialog
from app.ui.review.scoring_panel import VETO_MARK, DeductionDialog
from app.ui.review.scoring_window import ScoringWindow
from app.ui.taskman import TaskManager


@pytest.fixture
def services(demo_library_template: Path, tmp_path: Path) -> Iterator[Services]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    opened = Services.open(RunContext(Paths(target)))
    opened.set_reviewer_name("孙组长")  # who works: deductions and sign-offs name a person
    yield opened
    opened.db.dispose()


def penalty_cases(services: Services) -> list[int]:
    return [c.id for c in services.library.list_cases() if c.kind == "penalty"]


def campaign_with(services: Services, cases: list[int], **options) -> int:  # type: ignore[no-untyped-def]
    campaign = services.campaigns.create("2024年第二季度抽查", "spotcheck", "2024Q2", **options).id
    services.campaigns.add_cases(campaign, cases)
    return campaign


def settle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Wait until the window's writer has stored what was asked and the window has read it
    back (writes run off the GUI thread)."""
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)


def open_scoring(qtbot, services: Services, campaign: int, case: int) -> ScoringWindow:
    window = ScoringWindow(services, campaign, case)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    return window


def fill_deduction(monkeypatch, count: int, reason: str, page: int | None = None) -> list:  # type: ignore[no-untyped-def]
    """Make the deduction form fill itself in and press its button instead of blocking."""
    seen: list[DeductionDialog] = []

    def fake_exec(dialog: DeductionDialog) -> int:
        seen.append(dialog)
        dialog.count_box.setValue(count)
        dialog.reason_edit.setPlainText(reason)
        if page is not None:
            dialog.page_box.setValue(page)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(DeductionDialog, "exec", fake_exec)
    return seen


def test_campaign_created_through_the_dialog_and_cases_added(
    qtbot, services: Services, monkeypatch
) -> None:
    window = CampaignWindow(services)
    qtbot.addWidget(window, before_close_func=lambda w: w.close_all())
    window.show()
    assert window.campaign_list.count() == 0
    assert not window.add_button.isEnabled()
    department = services.library.list_cases()[0].department

    def fill_campaign(dialog: CreateCampaignDialog) -> int:
        dialog.ok_button.click()  # no name yet: refused in the dialog, which stays open
        assert dialog.error_label.text() == "评查活动名称不能为空。"
        assert dialog.created is None
        dialog.name_edit.setText("2024年第二季度行政处罚案卷抽查")
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("spotcheck"))
        dialog.period_edit.setText("2024年第二季度")
        for i in range(dialog.department_list.count()):
            item = dialog.department_list.item(i)
            if item.text() == department:
                item.setCheckState(Qt.CheckState.Checked)
        dialog.more_departments.setText("云川市公安局")
        dialog.double_check.setChecked(True)
        dialog.reviewers_edit.setText("王五、赵六")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(CreateCampaignDialog, "exec", fill_campaign)
    window.new_button.click()
    [info] = services.campaigns.list()
    assert (info.name, info.kind, info.period, info.double_review) == (
        "2024年第二季度行政处罚案卷抽查",
        "spotcheck",
        "2024Q2",
        True,
    )
    assert info.departments == [department, "云川市公安局"]
    assert info.reviewers == ["王五", "赵六"]
    assert {c["kind"] for c in info.checklists} == {"penalty", "coercion"}
    assert window.campaign_id() == info.id
    assert "双人评查" in window.info_label.text()
    assert window.cases_table.rowCount() == 0

    wanted = set(penalty_cases(services)[:2])

    def choose_cases(dialog: AddCasesDialog) -> int:
        assert dialog.case_list.count() == len(services.library.list_cases())
        dialog.select_cases(wanted)
        return QtWidgets.QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(AddCasesDialog, "exec", choose_cases)
    window.add_button.click()
    settle(qtbot, window)
    assert {e.case_id for e in services.campaigns.cases(info.id)} == wanted
    table = window.cases_table
    assert table.rowCount() == 2
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["案号", "执法单位", "类型", "评查人", "评查状态", "得分", "等次", "否决"]
    assert {table.item(r, 2).text() for r in range(2)} == {"行政处罚"}
    assert {table.item(r, 3).text() for r in range(2)} == {"—"}  # not assigned: no 分工
    assert {table.item(r, 4).text() for r in range(2)} == {"未评查"}
    assert {window.case_at(r) for r in range(2)} == wanted

    # Double-click opens the scoring window of that case, once.
    table.setCurrentCell(0, 0)
    scoring = window.open_scoring(0)
    assert scoring is not None and scoring.case_id == window.case_at(0)
    assert window.open_scoring(0) is scoring
    assert scoring.role_box.isVisible()


def test_random_draw_records_the_seed_and_catalogue_errors_are_shown_in_chinese(
    qtbot, services: Services, monkeypatch, tmp_path: Path
) -> None:
    departments = sorted({c.department for c in services.library.list_cases() if c.department})
    campaign = services.campaigns.create(
        "自评", "selfreview", "2024", departments=departments[:2]
    ).id
    window = CampaignWindow(services)
    qtbot.addWidget(window, before_close_func=lambda w: w.close_all())

    def draw(dialog: SampleDialog) -> int:
        dialog.per_department.setValue(1)
        dialog.seed_box.setValue(20240601)
        return QtWidgets.QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(SampleDialog, "exec", draw)
    window.sample_button.click()
    settle(qtbot, window)
    assert services.campaigns.show(campaign).seed == 20240601
    assert window.cases_table.rowCount() == 2
    assert "随机种子 20240601" in window.info_label.text()

    bad = tmp_path / "台账.xlsx"
    bad.write_text("不是 Excel 文件", encoding="utf-8")
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, title, text, *a: warnings.append((title, text))
    )
    window.import_button.click()
    [(title, text)] = warnings
    assert title == "导入案件台账失败"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text) and "Traceback" not in text
    assert window.cases_table.rowCount() == 2  # nothing changed


def test_deduction_through_the_form_is_stored_and_scored_and_a_veto_fails_the_file(
    qtbot, services: Services, monkeypatch
) -> None:
    case = penalty_cases(services)[0]
    campaign = campaign_with(services, [case])
    window = open_scoring(qtbot, services, campaign, case)
    assert window.score_label.text() == "得分 100　等次 优秀"
    tree = window.tree
    veto_row = tree.items_by_id["P-1.1"]
    assert VETO_MARK in veto_row.text(0)
    assert tree.items_by_id["P-2.2"].text(1) == "3" and tree.items_by_id["P-2.2"].text(2) == "3"

    window.view.go_to_page(5)
    seen = fill_deduction(monkeypatch, 2, "两份询问笔录无被询问人签名")
    tree.setFocus()
    tree.select_item("P-2.2")
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # Enter on an item opens the form
    [form] = seen
    assert form.points() == 2.0
    assert form.points_label.text().startswith("<b>2</b> 分")
    assert form.page_box.value() == 5  # the viewer's current page
    [stored] = services.reviews.deductions(campaign, case)
    assert (stored.item_id, stored.count, stored.points, stored.page) == ("P-2.2", 2, 2.0, 5)
    assert stored.reason == "两份询问笔录无被询问人签名"
    assert window.score_label.text() == "得分 98　等次 优秀"
    assert tree.items_by_id["P-2.2"].text(2) == "1"
    assert window.deductions.rowCount() == 1

    # The count caps at the item's points, shown live before storing.
    seen = fill_deduction(monkeypatch, 9, "多处笔录未签名")
    window.deduct_button.click()
    assert seen[0].points() == 3.0
    assert services.reviews.score(campaign, case).items["P-2.2"] == 3.0
    assert tree.items_by_id["P-2.2"].text(2) == "0"

    # A refused form stays open with the service's message.
    def empty_reason(dialog: DeductionDialog) -> int:
        dialog.ok_button.click()
        assert dialog.error_label.text() == "请填写扣分理由。"
        return dialog.result()

    monkeypatch.setattr(DeductionDialog, "exec", empty_reason)
    window.deduct("P-3.1")
    assert len(services.reviews.deductions(campaign, case)) == 2

    # Clicking a deduction jumps to its page.
    window.view.go_to_page(1)
    window.deductions.cellClicked.emit(0, 0)
    assert window.view.current_page() == 5

    fill_deduction(monkeypatch, 1, "超越法定职权实施处罚", page=2)
    window.deduct("P-1.1")
    result = services.reviews.score(campaign, case)
    assert result.vetoed and result.grade == "不合格"
    assert window.score_label.text().startswith(f"得分 {result.total:g}　否决：不合格")
    assert "P-1.1" in window.score_label.text()

    # Edit and delete go through the service too.
    def recount(dialog: DeductionDialog) -> int:
        dialog.count_box.setValue(1)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(DeductionDialog, "exec", recount)
    window.edit_deduction(stored.id)
    assert services.reviews.deductions(campaign, case)[0].count == 1
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes
    )
    veto = next(d for d in window.deductions.rows if d.item_id == "P-1.1")
    window.delete_deduction(veto.id)
    settle(qtbot, window)
    assert not services.reviews.score(campaign, case).vetoed
    assert "否决" not in window.score_label.text()


def test_coercion_case_in_a_penalty_only_campaign_shows_and_takes_the_coercion_checklist(
    qtbot, services: Services, monkeypatch
) -> None:
    coercion = next(c.id for c in services.library.list_cases() if c.kind == "coercion")
    campaign = campaign_with(services, [coercion], checklists=["penalty-assembled"])
    window = open_scoring(qtbot, services, campaign, coercion)
    assert window.checklist.kind == "coercion"
    assert "C-1.2" in window.tree.items_by_id and "P-2.2" not in window.tree.items_by_id
    fill_deduction(monkeypatch, 1, "强制措施未经负责人批准")
    window.tree.select_item("C-1.2")
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    [stored] = services.reviews.deductions(campaign, coercion)
    assert stored.item_id == "C-1.2"


def test_prechecks_accepted_into_deductions_and_rejected_with_a_reason(
    qtbot, services: Services, monkeypatch
) -> None:
    case = penalty_cases(services)[0]
    campaign = campaign_with(services, [case])
    with services.db.session() as s:
        for rule, item, pages, points in (
            ("signature", "P-2.2", [7], 1.0),
            ("late", "P-2.3", [9, 10], None),
        ):
            s.add(
                PrecheckSuggestion(
                    case_file_id=case,
                    rule=rule,
                    item_id=item,
                    message=f"{item} 预检提示",
                    pages=pages,
                    suggested_points=points,
                )
            )
    window = open_scoring(qtbot, services, campaign, case)
    panel = window.prechecks
    assert panel.table.rowCount() == 2
    assert [panel.table.item(r, 0).text() for r in range(2)] == ["待处理", "待处理"]
    assert panel.table.item(1, 3).text() == "9、10"
    panel.table.cellClicked.emit(1, 2)
    assert window.view.current_page() == 9

    panel.table.setCurrentCell(1, 0)
    monkeypatch.setattr(
        QtWidgets.QInputDialog, "getText", lambda *a, **k: ("当事人书面放弃陈述申辩", True)
    )
    panel.reject_button.click()
    settle(qtbot, window)
    assert panel.table.item(1, 0).text() == "不采纳（当事人书面放弃陈述申辩）"

    panel.table.setCurrentCell(0, 0)
    assert panel.accept_one_button.isEnabled()
    panel.accept_one_button.click()  # one suggestion at a time
    settle(qtbot, window)
    [d] = services.reviews.deductions(campaign, case)
    assert (d.item_id, d.origin, d.page, d.points) == ("P-2.2", "precheck", 7, 1.0)
    assert panel.table.item(0, 0).text() == "已采纳"
    assert window.deductions.item(0, 5).text() == "预检"
    assert window.score_label.text() == "得分 99　等次 优秀"
    assert not panel.accept_button.isEnabled()
    with services.db.session() as s:
        states = {r.item_id: r.state for r in s.scalars(select(PrecheckSuggestion))}
    assert states == {"P-2.2": "accepted", "P-2.3": "rejected"}

    # Running the pre-checks again happens off the GUI thread and keeps the decisions.
    panel.run_button.click()
    qtbot.waitUntil(lambda: panel.run_button.isEnabled(), timeout=30_000)
    with services.db.session() as s:
        kept = {r.rule: r.state for r in s.scalars(select(PrecheckSuggestion))}
    assert kept.get("signature", "accepted") == "accepted"


def test_signoff_is_shown_and_cleared_by_a_later_edit(
    qtbot, services: Services, monkeypatch
) -> None:
    case = penalty_cases(services)[0]
    campaign = campaign_with(services, [case])
    window = open_scoring(qtbot, services, campaign, case)
    fill_deduction(monkeypatch, 1, "笔录未签名")
    window.deduct("P-2.2")
    assert window.signoff_label.text() == "未签字确认"
    window.signoff_button.click()
    settle(qtbot, window)
    assert services.reviews.status(campaign, case)["signed_off"]
    assert window.signoff_label.text().startswith("✔ 已签字确认（孙组长，")

    fill_deduction(monkeypatch, 1, "送达回证无签收日期")
    window.deduct("P-2.3")
    assert not services.reviews.status(campaign, case)["signed_off"]
    assert window.signoff_label.text() == "签字确认已因修改撤销，需组长重新签字确认"
    window.signoff_button.click()
    settle(qtbot, window)
    assert window.signoff_label.text().startswith("✔ 已签字确认")


def test_double_review_reviewers_score_blind_and_the_lead_reconciles_and_signs(
    qtbot, services: Services, monkeypatch
) -> None:
    case = penalty_cases(services)[0]
    campaign = campaign_with(services, [case], double_review=True, reviewers=["王五", "赵六"])
    window = open_scoring(qtbot, services, campaign, case)
    assert [window.role_box.itemText(i) for i in range(window.role_box.count())] == [
        "评查人 王五",
        "评查人 赵六",
        "组长 孙组长（最终结果）",
    ]
    window.set_role("王五")
    assert not window.signoff_button.isVisible() and not window.reconcile_button.isVisible()
    fill_deduction(monkeypatch, 2, "笔录未签名")
    window.deduct("P-2.2")
    window.set_role("赵六")
    assert window.deductions.rowCount() == 0  # blind: 赵六 does not see 王五's deductions
    fill_deduction(monkeypatch, 1, "笔录未签名")
    window.deduct("P-2.2")
    assert window.score_label.text() == "得分 99　等次 优秀"

    window.set_role("孙组长", final=True)
    assert window.score_label.text() == "尚未合并两位评查人的结果"
    assert window.reconcile_button.isVisible() and window.signoff_button.isVisible()

    def reconcile(dialog: ReconcileDialog) -> int:
        assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "不一致"
        dialog.ok_button.click()  # no choice yet: refused, stays open
        assert "请组长逐项选定" in dialog.error_label.text()
        dialog.choose("P-2.2", "王五")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(ReconcileDialog, "exec", reconcile)
    window.reconcile_button.click()
    assert window.score_label.text() == "得分 98　等次 优秀"
    assert [d.reviewer for d in window.deductions.rows] == ["孙组长"]
    window.signoff_button.click()
    settle(qtbot, window)
    assert window.signoff_label.text().startswith("✔ 已签字确认（孙组长，")
    window.set_role("赵六")
    fill_deduction(monkeypatch, 1, "补充：另一份笔录未签名")
    window.deduct("P-2.3")
    assert window.signoff_label.text() == "签字确认已因修改撤销，需组长重新签字确认"


def test_campaign_window_opens_from_the_main_window_menu(qtbot, services: Services) -> None:
    main = MainWindow(services)
    qtbot.addWidget(main, before_close_func=lambda w: w.dossiers.close_all())
    menus = [a.text() for a in main.menuBar().actions()]
    assert "评查(&R)" in menus
    main.campaigns_action.trigger()
    window = main.campaign_window
    assert isinstance(window, CampaignWindow) and window.isVisible()
    main.campaigns_action.trigger()
    assert main.campaign_window is window
    window.close()


def test_add_cases_filter_shows_only_matching_dossiers(qtbot, services: Services) -> None:
    dialog = AddCasesDialog(services, set())
    qtbot.addWidget(dialog)
    total = dialog.case_list.count()
    dialog.select_cases(
        {int(dialog.case_list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(total)}
    )
    dialog.filter_edit.setText("行政强制")
    shown = [
        dialog.case_list.item(i) for i in range(total) if not dialog.case_list.item(i).isHidden()
    ]
    assert 0 < len(shown) < total and all("行政强制" in item.text() for item in shown)
    assert len(dialog.chosen()) == len(shown)  # hidden dossiers are not added
    dialog.filter_edit.setText("")
    assert not any(dialog.case_list.item(i).isHidden() for i in range(total))


def test_a_change_of_identity_reaches_open_scoring_windows(qtbot, services: Services) -> None:
    """我的身份 changed while windows are open: the lead's role names the new person and a
    sign-off is recorded under that name, not the one read when the window opened."""
    double, single = penalty_cases(services)[:2]
    jobs = TaskManager()
    windows = []
    for case, options in (
        (double, {"double_review": True, "reviewers": ["王五", "赵六"]}),
        (single, {}),
    ):
        window = ScoringWindow(services, campaign_with(services, [case], **options), case, jobs)
        qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
        windows.append(window)
    windows[0].set_role("孙组长", final=True)
    jobs.run_op_and_wait(lambda: services.set_reviewer_name("李组长"))
    assert windows[0].role_box.currentText() == "组长 李组长（最终结果）"
    assert windows[0].role().final
    windows[1].signoff_button.click()
    settle(qtbot, windows[1])
    assert windows[1].signoff_label.text().startswith("✔ 已签字确认（李组长，")
    jobs.shutdown()
