"""The top-level windows and dialogs of the product, each built on a demo library: shared by
the tests that check every window (small screens, Chinese text)."""

from __future__ import annotations

from collections.abc import Callable

from app.services import Services
from app.ui.qt import QtWidgets
from app.ui.taskman import TaskManager


def _campaign(services: Services) -> tuple[int, int]:
    cases = [c.id for c in services.library.list_cases() if c.kind == "penalty"]
    campaign = services.campaigns.create("2024年第二季度抽查", "spotcheck", "2024Q2").id
    services.campaigns.add_cases(campaign, cases[:2])
    return campaign, cases[0]


WindowMaker = Callable[[Services, TaskManager], QtWidgets.QWidget]


def _main(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.main_window import MainWindow

    return MainWindow(services)


def _viewer(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.viewer.dossier_window import DossierWindow

    return DossierWindow(services, services.library.list_cases()[0].id)


def _campaigns(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.campaign_window import CampaignWindow

    _campaign(services)
    return CampaignWindow(services)


def _scoring(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.scoring_window import ScoringWindow

    return ScoringWindow(services, *_campaign(services))


def _documents(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.documents.documents_dialog import DocumentsDialog

    return DocumentsDialog(services, _campaign(services)[0])


def _letter_settings(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.letter_settings import LetterSettingsDialog

    return LetterSettingsDialog(services, tasks=tasks)


def _holidays(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.holidays_dialog import HolidaysDialog

    return HolidaysDialog(services, tasks)


def _team(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.team_dialog import TeamDialog

    return TeamDialog(services, _campaign(services)[0])


def _checklists(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.checklist_dialog import ChecklistDialog

    return ChecklistDialog(services.checklists, tasks=tasks)


def _ledger(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.ledger_dialog import LedgerDialog

    return LedgerDialog(services.ledger(), tasks=tasks)


def _new_campaign(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.campaign_dialogs import CreateCampaignDialog

    return CreateCampaignDialog(services, tasks=tasks)


def _add_cases(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.campaign_dialogs import AddCasesDialog

    return AddCasesDialog(services, set())


def _first_run(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.first_run import FirstRunDialog

    return FirstRunDialog(services, tasks=tasks)


def _data_folder(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.first_run import data_folder_dialog

    return data_folder_dialog(services, None, tasks)


def _town_powers(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.town_powers_dialog import TownPowersDialog

    return TownPowersDialog(services, tasks=tasks)


def _roster(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.roster_dialog import RosterDialog

    return RosterDialog(services, tasks=tasks)


def _confirm_fact(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.casefiles.case_detail import FactInfo
    from app.ui.confirm_fact_dialog import ConfirmFactDialog

    detail = services.cases.detail(services.library.list_cases()[0].id)
    readings = (
        {"value": "2025-03-02", "page": 2, "document": "filing_approval",
         "region": [300.0, 600.0, 500.0, 640.0], "confidence": 0.42, "source": "立案审批表落款"},
        {"value": "2025-03-07", "page": 1, "document": "case_cover",
         "region": None, "confidence": 0.9, "source": "案卷封面"},
    )  # fmt: skip
    fact = FactInfo("2025-03-02", 2, "extracted", "doubtful", 0.42, None, readings)
    return ConfirmFactDialog(services, tasks, detail.id, "date.filed", fact, detail.file_path)


def _manual(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.manual import ManualWindow

    return ManualWindow()


def _quick_start(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.quick_start_guide import QuickStartGuide

    return QuickStartGuide(lambda _name: None)


WINDOWS: dict[str, WindowMaker] = {
    "主窗口": _main,
    "案卷阅览": _viewer,
    "评查活动": _campaigns,
    "评查打分": _scoring,
    "文书与报表": _documents,
    "文书设置": _letter_settings,
    "节假日": _holidays,
    "评查组与分工": _team,
    "评查标准": _checklists,
    "纠错案件台账": _ledger,
    "新建评查活动": _new_campaign,
    "添加案卷": _add_cases,
    "首次使用": _first_run,
    "更改数据文件夹": _data_folder,
    "乡镇赋权事项清单": _town_powers,
    "执法人员名册": _roster,
    "核实要素": _confirm_fact,
    "使用手册": _manual,
    "快速上手": _quick_start,
}


def shut(window: QtWidgets.QWidget) -> None:
    """Stop what a window started (its renderers, its own writer) at the end of a test."""
    shutdown = getattr(window, "shutdown", None)
    if callable(shutdown):
        shutdown()
