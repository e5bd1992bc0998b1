"""更新说明: what a newer program tells the user once, on its first start on a data folder.

The notes are data (``resources/changelog.yaml``, shipped in the wheel and the bundle). The
data folder's settings remember which program version last opened it in the window
(``Settings.program_version``); a newer program shows the releases in between, once. A new
install on an empty library has nothing to compare with and shows nothing; a folder written
by a program older than this mechanism (no version recorded, but a library with content) is
shown the current release's notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app import __version__
from app.config import Settings
from app.paths import resource_yaml


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    items: tuple[str, ...]


def version_key(version: str) -> tuple[int, ...]:
    """``"0.10.2"`` → ``(0, 10, 2)``: releases compare by number, not as text."""
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def load_releases(path: Path | None = None) -> list[Release]:
    """Every release in the changelog, newest first."""
    raw = resource_yaml("changelog.yaml", path) or []
    releases = [
        Release(str(r["version"]), str(r.get("date", "")), tuple(str(i) for i in r["items"]))
        for r in raw
    ]
    return sorted(releases, key=lambda r: version_key(r.version), reverse=True)


def unseen(releases: list[Release], last_seen: str, current: str = __version__) -> list[Release]:
    """The releases after ``last_seen`` up to ``current``, newest first."""
    low, high = version_key(last_seen), version_key(current)
    return [r for r in releases if low < version_key(r.version) <= high]


def notes_to_show(
    settings: Settings,
    library_empty: bool,
    current: str = __version__,
    changelog: Path | None = None,
) -> list[Release]:
    """What the window shows at this start (empty: nothing)."""
    seen = settings.program_version
    if seen == current or (not seen and library_empty):
        return []
    releases = load_releases(changelog)
    if not seen:  # written by a program that did not record its version
        return [r for r in releases if r.version == current]
    return unseen(releases, seen, current)


def mark_seen(settings: Settings, settings_file: Path, current: str = __version__) -> bool:
    """Record that ``current`` opened the folder; False when nothing was recorded."""
    if version_key(current) <= version_key(settings.program_version):
        return False  # already recorded, or an older program opening a newer one's folder
    settings.program_version = current
    settings.save(settings_file)
    return True


def as_html(releases: list[Release]) -> str:
    """The notes as the message box shows them."""
    parts = []
    for release in releases:
        items = "".join(f"<li>{item}</li>" for item in release.items)
        parts.append(f"<h4>版本 {release.version}（{release.date}）</h4><ul>{items}</ul>")
    return "".join(parts)
