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

from app import CLI_NAME
from app.errors import UserError, os_reason
from app.private_files import make_private, private_dir

APP_DIR_NAME = "anjuan-pingcha"
DATA_DIR_ENV = "ANJUAN_DATA_DIR"
# 2: the organ's name and the legal bases have no shipped value any more (version 1 wrote the
# placeholders 某市司法局 and a bare 《行政执法监督条例》 into every saved file; a file still
# holding both is read as "not set yet", so the first letter asks for them).
SETTINGS_VERSION = 2
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
# From which day a rectification deadline is counted (the 期间 starts the day after).
DEADLINE_FROM = {"issue": "印发之日", "service": "送达之日"}
# Which deductions make the problems of a 监督意见书.
OPINION_SCOPES = {"supervision": "仅监督事项", "all": "全部扣分项"}
# Who issues the 监督决定书 (seed 002 item 15: some cities' bureaus 报请 the government).
DECISION_ISSUERS = {"bureau": "司法局自行出具", "government": "报请本级人民政府出具"}
MAX_GRACE_DAYS = 365
# A legal basis that names its article (第二十条) is cited "根据…的规定"; one without is cited
# "根据…有关规定", which a 法制科 signs as it stands.
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇两\d]+条")
# The basis a letter cites until a bureau sets its own: the State Council's regulation
# (国务院令第825号, in force 2026-02-01). Its article on 监督意见书/决定书 was not verified
# (issue 15), so the default names none rather than a guessed one.
DEFAULT_LEGAL_BASIS = "《行政执法监督条例》"
# What the basis fields of the dialogs say while empty.
LEGAL_BASIS_HINT = f"留空即“根据{DEFAULT_LEGAL_BASIS}有关规定”；可加写条款，或写本省监督条例"
# A placeholder left in a typed basis (第×条, 第X条): it would reach the paper as typed.
BASIS_PLACEHOLDER = re.compile(r"[×＊□○]|第\s*[xX*?？]+\s*条")
# Version 1's shipped placeholders, read as unset (see SETTINGS_VERSION).
_V1_ORGAN, _V1_BASIS = "某市司法局", "《行政执法监督条例》"
# The command that sets a setting, as a user types it (named in refusals).
SET_COMMAND = f"{CLI_NAME} settings set"
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


def standard_data_dir() -> Path:
    """The platform's user data folder: where the data lives unless the user chose another."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def location_file() -> Path:
    """Where the folder chosen in 首次使用 is remembered: outside every data folder (it
    says which one to open), in the platform's user config folder."""
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)) / "data-folder.json"


def remembered_data_dir() -> Path | None:
    """The data folder the user chose, or None (never chose, or the note is unreadable)."""
    try:
        raw = json.loads(location_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = raw.get("data_dir") if isinstance(raw, dict) else None
    return Path(folder) if isinstance(folder, str) and folder else None


def remember_data_dir(folder: Path | None) -> None:
    """Open ``folder`` at every later start (None: the standard folder again)."""
    note = location_file()
    if folder is None:
        note.unlink(missing_ok=True)
        return
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(
        json.dumps({"data_dir": str(Path(folder).resolve())}, ensure_ascii=False),
        encoding="utf-8",
    )


def data_folder_problem(folder: Path) -> str | None:
    """A Chinese reason ``folder`` cannot hold a library, or None (the one check of a chosen
    data folder: the 首次使用 dialog asks it before remembering the folder)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        return f"“{folder}”是一个文件，不是文件夹。"
    if is_demo_folder(folder):
        return f"“{folder}”是演示库的文件夹，不能用来保存真实案卷。"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        return f"无法在“{folder}”中保存数据：{os_reason(exc)}。请选择有写入权限的文件夹。"
    return None


def default_data_dir() -> Path:
    """``ANJUAN_DATA_DIR``, else the folder chosen in 首次使用, else the standard one."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return remembered_data_dir() or standard_data_dir()


class _InDataFolder:
    """A file or folder at a fixed place inside the data folder, named once on
    :class:`Paths` (one line a place instead of a property each)."""

    def __init__(self, *parts: str) -> None:
        self.parts = parts

    def __get__(self, paths: Paths, owner: type | None = None) -> Path:
        return paths.data_dir.joinpath(*self.parts)


@dataclass(frozen=True)
class Paths:
    """The folders inside one data folder."""

    data_dir: Path

    def __post_init__(self) -> None:
        # Accept a str too (scripts, tests): every property below joins paths.
        object.__setattr__(self, "data_dir", Path(self.data_dir))

    database_file = _InDataFolder("library.sqlite3")
    library_dir = _InDataFolder("library")  # originals copied in on import, never modified
    # Rendered pages, thumbnails and other data derived from the originals.
    derived_dir = _InDataFolder("derived")
    backups_dir = _InDataFolder("backups")
    # Checklists the bureau imported (bundled ones live in the product).
    checklists_dir = _InDataFolder("checklists")
    # Holiday tables the user added for years the bundled calendar does not know.
    calendar_dir = _InDataFolder("calendar")
    demo_sources_dir = _InDataFolder("demo-scans")
    demo_marker_file = _InDataFolder(DEMO_MARKER)
    settings_file = _InDataFolder("settings.json")
    # Tracebacks of unforeseen errors (the user sees a Chinese line, support reads this).
    log_file = _InDataFolder("logs", "anjuan.log")

    @property
    def demo_data_dir(self) -> Path:
        """The demo library's own data folder (database, library, settings) inside this one;
        for the demo folder itself, the folder."""
        return self.data_dir if self.is_demo else self.data_dir / DEMO_FOLDER

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

    def ensure(self) -> None:
        for folder in (
            self.data_dir,
            self.library_dir,
            self.derived_dir,
            self.backups_dir,
            self.checklists_dir,
            self.calendar_dir,
        ):
            private_dir(folder)


def _choice(default: str, allowed: dict[str, str]) -> str:
    """A setting with a closed set of values, declared once beside its default: what each
    value reads as, the check in :meth:`Settings.problems` and ``settings show`` all come
    from here (SETTING_CHOICES)."""
    assert default in allowed
    return field(default=default, metadata={"choices": allowed})


@dataclass
class Settings:
    """User settings, declared once with defaults. Stored as JSON in the data folder."""

    version: int = SETTINGS_VERSION
    # The program version that last opened this data folder in the window: a newer program
    # shows its 更新说明 once (app/release_notes.py). Empty in folders older programs wrote.
    program_version: str = ""
    reviewer_name: str = ""
    # No shipped organ or legal basis: a letter headed by a placeholder organ would be
    # signed by nobody; :meth:`letter_gaps` refuses numbers until they are set.
    issuing_organ: str = ""
    letter_code_opinion: str = "司监意"
    letter_code_decision: str = "司监决"
    # The 评查情况通报's own 代字: its numbers come from the same registry (rev 0008).
    letter_code_bulletin: str = "司监通"
    rectification_days: int = 30
    template_dir: str = ""
    legal_basis_opinion: str = ""
    legal_basis_decision: str = ""
    # The 监督决定书 is issued by the government at the bureau's request in some provinces,
    # by the bureau itself in others; empty means the issuing organ above.
    decision_organ: str = ""
    # 抄送 line of the letters, e.g. "市人民政府办公室，市委依法治市办".
    copy_to: str = ""
    # "natural": N calendar days, a last day on a rest day moves to the next working day
    # (the usual reading of 期间); "working": N working days on the calendar.
    rectification_day_kind: str = _choice("natural", DAY_KINDS)
    # "issue": counted from the letter's date (印发); "service": from the day it is served
    # (送达), asked when the letter is issued.
    deadline_from: str = _choice("issue", DEADLINE_FROM)
    # "supervision": an opinion lists deductions on 监督事项 only; "all": every deduction.
    opinion_scope: str = _choice("supervision", OPINION_SCOPES)
    # "bureau": the 司法局 issues the decision; "government": it asks the 本级人民政府
    # (``decision_organ``) to issue it, and the decision says so.
    decision_issuer: str = _choice("bureau", DECISION_ISSUERS)
    # A decision only once the opinion is overdue by at least this many days.
    decision_grace_days: int = 0
    # A decision only after a 催办 (reminder) was recorded on the overdue rectification.
    decision_needs_reminder: bool = False
    # Days after service in which a department may ask the issuer to 复查 a decision.
    objection_days: int = 10
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
        codes = {
            "意见书": self.letter_code_opinion,
            "决定书": self.letter_code_decision,
            "通报": self.letter_code_bulletin,
        }
        for label, code in codes.items():
            problem = code_problem(f"{label}机关代字", (code or "").strip())
            if problem:
                found.append(problem)
        seen: dict[str, str] = {}
        for label, code in codes.items():
            code = (code or "").strip()
            if code and code in seen:
                found.append(
                    f"{seen[code]}和{label}的机关代字应当不同，以免两种文书的文号混在一起。"
                )
            seen.setdefault(code, label)
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
        found += self._choice_problems()
        if self.decision_issuer == "government" and not (self.decision_organ or "").strip():
            found.append("决定书报请本级人民政府出具时，请填写决定书出具机关（如“某市人民政府”）。")
        folder = (self.template_dir or "").strip()
        if folder and not Path(folder).is_dir():
            found.append(f"模板文件夹“{folder}”不存在。")
        return found

    def _choice_problems(self) -> list[str]:
        """The choice, day-count and yes/no settings of the letters (part of :meth:`problems`)."""
        found = []
        for key, allowed in SETTING_CHOICES.items():
            value = getattr(self, SETTING_KEYS[key])
            if value not in allowed:
                kinds = "、".join(f"{k}（{v}）" for k, v in allowed.items())
                found.append(f"{SETTING_LABELS[key]}应为 {kinds}，而不是“{value}”。")
        for label, number, low in (
            ("决定书宽限天数", self.decision_grace_days, 0),
            ("申请复查期限", self.objection_days, 1),
        ):
            if not _whole(number) or not low <= number <= MAX_GRACE_DAYS:
                found.append(f"{label}应在 {low} 至 {MAX_GRACE_DAYS} 天之间，而不是 {number}。")
        if not isinstance(self.decision_needs_reminder, bool):
            found.append("“出具决定书前须催办”应为 是 或 否。")
        return found

    def letter_code(self, kind: str) -> str:
        """The 机关代字 the registry numbers a paper of ``kind`` with (opinion, decision or
        bulletin: the 评查情况通报)."""
        codes = {
            "opinion": self.letter_code_opinion,
            "decision": self.letter_code_decision,
            "bulletin": self.letter_code_bulletin,
        }
        return codes[kind]

    def letter_gaps(self, *, typed_only: bool = False) -> list[str]:
        """What must still be set before a letter may take a number (Chinese, one line each,
        each naming the ``settings set`` key); empty when letters can be issued.
        ``typed_only``: only values typed in but unusable (a basis without its article),
        not those left empty.

        Unset is a legal state of the settings (a new office has not said who it is yet),
        so this is apart from :meth:`problems`: saving other settings never waits for it."""
        gaps: list[tuple[str, bool]] = []  # (line, the value is empty)
        if not (self.issuing_organ or "").strip():
            gaps.append(("发文机关（organ_name）：未填写，如“某市司法局”", True))
        for label, key, code, example in (
            ("意见书机关代字", "opinion_code", self.letter_code_opinion, "司监意"),
            ("决定书机关代字", "decision_code", self.letter_code_decision, "司监决"),
            ("通报机关代字", "bulletin_code", self.letter_code_bulletin, "司监通"),
        ):
            if not (code or "").strip():
                gaps.append((f"{label}（{key}）：未填写，如“{example}”", True))
        # A basis left empty cites the default (the decision's: the opinion's); one typed in
        # may name its article or not, but not keep a placeholder for it.
        for label, key, basis in (
            ("意见书依据", "legal_basis", self.legal_basis_opinion),
            ("决定书依据", "decision_legal_basis", self.legal_basis_decision),
        ):
            basis = (basis or "").strip()
            if BASIS_PLACEHOLDER.search(basis):
                gaps.append(
                    (
                        f"{label}（{key}）：“{basis}”含有占位符，"
                        f"请写明条款或删去条款（留空即“根据{DEFAULT_LEGAL_BASIS}有关规定”）",
                        False,
                    )
                )
        return [line for line, empty in gaps if not (typed_only and empty)]

    def complete_problems(self, *, allow_unset: bool = False) -> list[str]:
        """:meth:`problems` and :meth:`letter_gaps` together: what the 首次使用 and 文书设置
        dialogs check. ``allow_unset`` (文书设置, which also edits templates and numbers):
        a value left empty may stay so, one typed in must be usable."""
        gaps = self.letter_gaps(typed_only=allow_unset)
        return self.problems() + [f"{g}。" for g in gaps]

    def legal_basis(self, kind: str = "opinion") -> str:
        """The basis a letter of ``kind`` ("opinion" or "decision") cites: the decision's
        setting, else the opinion's, else :data:`DEFAULT_LEGAL_BASIS`."""
        chosen = (self.legal_basis_decision or "").strip() if kind == "decision" else ""
        return chosen or (self.legal_basis_opinion or "").strip() or DEFAULT_LEGAL_BASIS

    def check_letters_ready(self, command: str = "") -> None:
        """Refuse (Chinese) to take a letter number while :meth:`letter_gaps` is not empty."""
        gaps = self.letter_gaps()
        if gaps:
            raise LettersNotReady(gaps, command or SET_COMMAND)

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
        parsed = _parsed(field_name, SETTING_LABELS[key_of(field_name)], value)
        setattr(self, field_name, parsed)
        try:
            self.validate()
            gap = self._gap_of(field_name)
            if gap:
                raise UserError(gap)
        except UserError:
            setattr(self, field_name, before)
            raise

    def _gap_of(self, field_name: str) -> str | None:
        """The letter gap a value just set would leave (a key a letter needs may be set
        well or not at all, never blanked or half-set)."""
        key = key_of(field_name)
        return next((g for g in self.letter_gaps() if f"（{key}）" in g), None)

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
        if not isinstance(raw, dict):
            return cls()
        if raw.get("version", 1) < 2:
            raw = _from_version_1(raw)
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        make_private(tmp)
        tmp.replace(path)


# ``settings set KEY VALUE``: the key a user types → the field it sets.
SETTING_KEYS = {
    "reviewer_name": "reviewer_name",
    "organ_name": "issuing_organ",
    "decision_organ": "decision_organ",
    "opinion_code": "letter_code_opinion",
    "decision_code": "letter_code_decision",
    "bulletin_code": "letter_code_bulletin",
    "legal_basis": "legal_basis_opinion",
    "decision_legal_basis": "legal_basis_decision",
    "deadline_days": "rectification_days",
    "deadline_day_kind": "rectification_day_kind",
    "deadline_from": "deadline_from",
    "opinion_scope": "opinion_scope",
    "decision_issuer": "decision_issuer",
    "decision_grace_days": "decision_grace_days",
    "decision_needs_reminder": "decision_needs_reminder",
    "objection_days": "objection_days",
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
    "bulletin_code": "通报机关代字",
    "legal_basis": "意见书依据",
    "decision_legal_basis": "决定书依据",
    "deadline_days": "整改期限（天）",
    "deadline_day_kind": "期限计算方式",
    "deadline_from": "整改期限起算日",
    "opinion_scope": "意见书问题范围",
    "decision_issuer": "决定书出具方式",
    "decision_grace_days": "决定书宽限天数（逾期满该天数后方可出具）",
    "decision_needs_reminder": "出具决定书前须催办",
    "objection_days": "申请复查期限（天）",
    "copy_to": "抄送",
    "template_dir": "模板文件夹",
    "backups_kept": "自动备份保留份数",
}
assert SETTING_LABELS.keys() == SETTING_KEYS.keys()
# What each value of a choice setting reads as (``settings show`` and the dialog).
SETTING_CHOICES: dict[str, dict[str, str]] = {
    key: f.metadata["choices"]
    for key, name in SETTING_KEYS.items()
    for f in fields(Settings)
    if f.name == name and "choices" in f.metadata
}
_INT_FIELDS = {"rectification_days", "decision_grace_days", "objection_days", "daily_backups_kept"}
_BOOL_WORDS = {"是": True, "yes": True, "true": True, "1": True, "否": False, "no": False}
_BOOL_WORDS |= {"false": False, "0": False}


def key_of(field_name: str) -> str:
    """The ``settings set`` key of a field."""
    return next(k for k, v in SETTING_KEYS.items() if v == field_name)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parsed(field_name: str, label: str, value: str) -> object:
    """A setting's value from the text a user typed."""
    text = value.strip()
    if field_name in _INT_FIELDS:
        try:
            return int(text)
        except ValueError as exc:
            unit = "整数" if field_name == "daily_backups_kept" else "天数（整数）"
            raise UserError(f"{label}应为{unit}，而不是“{value}”。") from exc
    if field_name == "decision_needs_reminder":
        if text.lower() not in _BOOL_WORDS:
            raise UserError(f"{label}应为“是”或“否”，而不是“{value}”。")
        return _BOOL_WORDS[text.lower()]
    return text


def _from_version_1(raw: dict[str, object]) -> dict[str, object]:
    """Version 1 wrote its placeholders into every saved file: a file holding the
    placeholder organ and bare basis together never had them chosen, so they read as unset."""
    raw = dict(raw)
    if raw.get("issuing_organ") == _V1_ORGAN and raw.get("legal_basis_opinion") == _V1_BASIS:
        raw["issuing_organ"] = ""
    for name in ("legal_basis_opinion", "legal_basis_decision"):
        if raw.get(name) == _V1_BASIS:
            raw[name] = ""
    raw["version"] = SETTINGS_VERSION
    return raw


def basis_clause(basis: str) -> str:
    """The sentence a letter cites its basis with: "根据《…》第二十条的规定" when the basis
    names its article, "根据《…》有关规定" when it does not (the one rule of that wording)."""
    basis = (basis or "").strip() or DEFAULT_LEGAL_BASIS
    return f"根据{basis}的规定" if ARTICLE.search(basis) else f"根据{basis}有关规定"


class LettersNotReady(UserError):
    """A letter number was asked for before the organ, 代字 and legal basis were set."""

    def __init__(self, gaps: list[str], command: str = SET_COMMAND) -> None:
        self.gaps = gaps
        lines = "\n".join(f"· {g}" for g in gaps)
        super().__init__(
            f"出具文书前请先设置：\n{lines}\n"
            f"请用“{command} KEY VALUE”设置（如：{command} organ_name 某市司法局），"
            "或在窗口“评查 → 文书设置”中填写。"
        )


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
