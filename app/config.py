"""Data, config and cache folders, and the typed settings of the product.

Everything a user's work depends on lives under one data folder (library, database,
settings), so that a backup or a move is one folder. ``--data-dir`` on the command line
(or ``ANJUAN_DATA_DIR`` in the environment) points elsewhere, which is how tests and
a team's shared installs keep their data apart.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path

import platformdirs

from app.errors import UserError

APP_DIR_NAME = "anjuan-pingcha"
DATA_DIR_ENV = "ANJUAN_DATA_DIR"
SETTINGS_VERSION = 1
# A data folder holding this file is the demo library's own: its dossiers are synthetic,
# and real work (sampling, statistics, letters) never sees them anywhere else.
DEMO_MARKER = "demo-library.txt"
DEMO_FOLDER = "demo"


def is_demo_folder(folder: Path) -> bool:
    """Whether ``folder`` is a demo library's data folder (marked when the demo was built)."""
    return (Path(folder) / DEMO_MARKER).is_file()


# Brackets a 机关代字 may not contain: the registry writes the year in 〔〕 itself, and reads a
# number typed with any of these (app/review/letter_numbers.py uses this same set).
OPEN_BRACKETS = "〔[［(（【"
CLOSE_BRACKETS = "〕]］)）】"
CODE_BRACKETS = OPEN_BRACKETS + CLOSE_BRACKETS
DAY_KINDS = {"natural": "自然日（末日逢节假日顺延）", "working": "工作日"}
MIN_DAYS, MAX_DAYS = 1, 365
MAX_DAILY_BACKUPS = 365


def code_problem(label: str, code: str) -> str | None:
    """A Chinese reason the 机关代字 cannot be used, or None (the one check of a 代字)."""
    if not code:
        return f"{label}不能为空（如“司监意”）。"
    if any(ch in code for ch in CODE_BRACKETS):
        return f"{label}“{code}”不应含括号：年份和序号由文号登记簿自动编排。"
    if re.search(r"\d{4}", code):
        return f"{label}“{code}”不应含年份：年份由文号登记簿自动编排。"
    return None


def default_data_dir() -> Path:
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


@dataclass(frozen=True)
class Paths:
    """The folders inside one data folder."""

    data_dir: Path

    def __post_init__(self) -> None:
        # Accept a str too (scripts, tests): every property below joins paths.
        object.__setattr__(self, "data_dir", Path(self.data_dir))

    @property
    def database_file(self) -> Path:
        return self.data_dir / "library.sqlite3"

    @property
    def library_dir(self) -> Path:
        """Originals copied in on import, never modified."""
        return self.data_dir / "library"

    @property
    def derived_dir(self) -> Path:
        """Rendered pages, thumbnails and other data derived from the originals."""
        return self.data_dir / "derived"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def checklists_dir(self) -> Path:
        """Checklists the bureau imported (bundled ones live in the product)."""
        return self.data_dir / "checklists"

    @property
    def calendar_dir(self) -> Path:
        """Holiday tables the user added for years the bundled calendar does not know."""
        return self.data_dir / "calendar"

    @property
    def demo_sources_dir(self) -> Path:
        return self.data_dir / "demo-scans"

    @property
    def demo_data_dir(self) -> Path:
        """The demo library's own data folder (database, library, settings) inside this one;
        for the demo folder itself, the folder."""
        return self.data_dir if self.is_demo else self.data_dir / DEMO_FOLDER

    @property
    def demo_marker_file(self) -> Path:
        return self.data_dir / DEMO_MARKER

    @property
    def is_demo(self) -> bool:
        return is_demo_folder(self.data_dir)

    @property
    def real_data_dir(self) -> Path | None:
        """The real library a demo folder belongs to (its parent), a real folder itself;
        None for a demo folder standing alone (built with ``demo --here``)."""
        if not self.is_demo:
            return self.data_dir
        return self.data_dir.parent if self.data_dir.name == DEMO_FOLDER else None

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def log_file(self) -> Path:
        """Tracebacks of unforeseen errors (the user sees a Chinese line, support reads this)."""
        return self.data_dir / "logs" / "anjuan.log"

    def ensure(self) -> None:
        for folder in (
            self.data_dir,
            self.library_dir,
            self.derived_dir,
            self.backups_dir,
            self.checklists_dir,
            self.calendar_dir,
        ):
            folder.mkdir(parents=True, exist_ok=True)


@dataclass
class Settings:
    """User settings, declared once with defaults. Stored as JSON in the data folder."""

    version: int = SETTINGS_VERSION
    reviewer_name: str = ""
    issuing_organ: str = "某市司法局"
    letter_code_opinion: str = "司监意"
    letter_code_decision: str = "司监决"
    rectification_days: int = 30
    template_dir: str = ""
    legal_basis_opinion: str = "《行政执法监督条例》"
    legal_basis_decision: str = "《行政执法监督条例》"
    # The 监督决定书 is issued by the government at the bureau's request in some provinces,
    # by the bureau itself in others; empty means the issuing organ above.
    decision_organ: str = ""
    # 抄送 line of the letters, e.g. "市人民政府办公室，市委依法治市办".
    copy_to: str = ""
    # "natural": N calendar days, a last day on a rest day moves to the next working day
    # (the usual reading of 期间); "working": N working days on the calendar.
    rectification_day_kind: str = "natural"
    # The first start on an empty library opens the demo library (its own folder) once; a
    # user who then works in an empty library is not sent there again unasked. In the demo
    # folder itself: the demo dossiers were built.
    demo_built: bool = False
    # Automatic daily copies of the database in backups/ (the window makes one a day at
    # start); how many are kept, 0 for none.
    daily_backups_kept: int = 7
    extra: dict[str, str] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """Every reason (Chinese) these settings cannot be used; empty when they can.

        The one place settings are checked: the dialog, ``settings set`` and
        :meth:`app.services.Services.save_settings` all call it."""
        found = []
        if not (self.issuing_organ or "").strip():
            found.append("发文机关不能为空。")
        for label, code in (
            ("意见书机关代字", self.letter_code_opinion),
            ("决定书机关代字", self.letter_code_decision),
        ):
            problem = code_problem(label, (code or "").strip())
            if problem:
                found.append(problem)
        if (self.letter_code_opinion or "").strip() and (
            self.letter_code_opinion.strip() == (self.letter_code_decision or "").strip()
        ):
            found.append("意见书和决定书的机关代字应当不同，以免两种文书的文号混在一起。")
        days = self.rectification_days
        if isinstance(days, bool) or not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
            found.append(f"整改期限应在 {MIN_DAYS} 至 {MAX_DAYS} 天之间，而不是 {days} 天。")
        kept = self.daily_backups_kept
        if (
            isinstance(kept, bool)
            or not isinstance(kept, int)
            or not 0 <= kept <= MAX_DAILY_BACKUPS
        ):
            found.append(
                f"自动备份保留份数应在 0 至 {MAX_DAILY_BACKUPS} 之间（0 为不自动备份），而不是 {kept}。"
            )
        if self.rectification_day_kind not in DAY_KINDS:
            kinds = "、".join(f"{k}（{v}）" for k, v in DAY_KINDS.items())
            found.append(f"期限计算方式应为 {kinds}，而不是“{self.rectification_day_kind}”。")
        folder = (self.template_dir or "").strip()
        if folder and not Path(folder).is_dir():
            found.append(f"模板文件夹“{folder}”不存在。")
        return found

    def validate(self) -> None:
        """Raise :class:`UserError` (Chinese, every problem on its own line) unless usable."""
        found = self.problems()
        if found:
            raise UserError("\n".join(found))

    def set_text(self, key: str, value: str) -> None:
        """Set one setting from text (``settings set KEY VALUE``), then validate them all;
        nothing changes when the new value is refused."""
        field_name = SETTING_KEYS.get(key, key)
        if field_name not in SETTING_KEYS.values():
            known = "、".join(SETTING_KEYS)
            raise UserError(f"没有名为“{key}”的设置。可设置：{known}")
        before = getattr(self, field_name)
        if field_name in ("rectification_days", "daily_backups_kept"):
            try:
                parsed: object = int(value.strip())
            except ValueError as exc:
                label = next(k for k, f in SETTING_KEYS.items() if f == field_name)
                raise UserError(f"{SETTING_LABELS[label]}应为整数，而不是“{value}”。") from exc
        else:
            parsed = value.strip()
        setattr(self, field_name, parsed)
        try:
            self.validate()
        except UserError:
            setattr(self, field_name, before)
            raise

    def public(self) -> dict[str, object]:
        """The settings a user sets, by their command-line key (``settings show``)."""
        return {key: getattr(self, name) for key, name in SETTING_KEYS.items()}

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # A damaged settings file must not stop the product; defaults are safe.
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)


# ``settings set KEY VALUE``: the key a user types → the field it sets.
SETTING_KEYS = {
    "reviewer_name": "reviewer_name",
    "organ_name": "issuing_organ",
    "decision_organ": "decision_organ",
    "opinion_code": "letter_code_opinion",
    "decision_code": "letter_code_decision",
    "legal_basis": "legal_basis_opinion",
    "decision_legal_basis": "legal_basis_decision",
    "deadline_days": "rectification_days",
    "deadline_day_kind": "rectification_day_kind",
    "copy_to": "copy_to",
    "template_dir": "template_dir",
    "backups_kept": "daily_backups_kept",
}
# What a person reads for each key (``settings show``); the keys are those above.
SETTING_LABELS = {
    "reviewer_name": "我的身份（姓名）",
    "organ_name": "发文机关",
    "decision_organ": "决定书出具机关",
    "opinion_code": "意见书机关代字",
    "decision_code": "决定书机关代字",
    "legal_basis": "意见书依据",
    "decision_legal_basis": "决定书依据",
    "deadline_days": "整改期限（天）",
    "deadline_day_kind": "期限计算方式",
    "copy_to": "抄送",
    "template_dir": "模板文件夹",
    "backups_kept": "自动备份保留份数",
}
assert SETTING_LABELS.keys() == SETTING_KEYS.keys()


@dataclass(frozen=True)
class RunContext:
    """What a CLI command or the window runs with: folders, database URL, 'today'."""

    paths: Paths
    db_url: str | None = None
    today: date | None = None

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{self.paths.database_file}"

    def effective_today(self) -> date:
        return self.today or date.today()
