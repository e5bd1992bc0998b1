"""The installer scripts agree with the bundle: every folder the PyInstaller spec bundles is
named in the Windows installer's [Files] (and left out of its catch-all line, so nothing is
installed twice); the Windows installer keeps its promises (Chinese, per-user, fixed AppId,
data folder kept); the .deb depends on system libraries only."""

from __future__ import annotations

import ast
import re

import pytest

from tests.support import ROOT

INSTALLER = ROOT / "installer"


def _spec_list(name: str) -> list:  # type: ignore[type-arg]
    tree = ast.parse((INSTALLER / "anjuan.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)  # type: ignore[no-any-return]
    raise AssertionError(f"{name} not found in anjuan.spec")


def _iss_section(name: str) -> list[str]:
    text = (INSTALLER / "anjuan.iss").read_text(encoding="utf-8-sig")
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", text, re.S | re.M)
    assert match, f"[{name}] missing"
    return [ln for ln in match.group(1).splitlines() if ln.strip() and not ln.startswith(";")]


def _entries(section: str) -> list[dict[str, str]]:
    rows = []
    for line in _iss_section(section):
        pairs = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]+)', line)
        rows.append({k: v.strip().strip('"') for k, v in pairs})
    return rows


def _bundle_folders() -> list[str]:
    """Every folder inside _internal/ that the spec fills from data: its own and packages'."""
    return [dest for _src, dest in _spec_list("BUNDLED_DATA")] + _spec_list("PACKAGE_DATA")


def test_every_folder_the_spec_bundles_exists_in_the_checkout() -> None:
    for source, _dest in _spec_list("BUNDLED_DATA"):
        assert (ROOT / source).exists(), source


def test_every_data_file_of_the_product_is_bundled() -> None:
    """A data file read beside its module (Path(__file__).with_name) is in no import graph:
    one not named in BUNDLED_DATA is missing from the bundle only (town_powers.yaml was)."""
    sources = [ROOT / source for source, _dest in _spec_list("BUNDLED_DATA")]
    for package in ("app", "scoring"):
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix not in {".py", ".pyc"}:
                assert any(path == s or s in path.parents for s in sources), path


@pytest.mark.parametrize("folder", sorted(set(_bundle_folders())))
def test_every_bundled_folder_is_named_in_the_windows_installer(folder: str) -> None:
    files = _entries("Files")
    wanted = "{app}\\_internal\\" + folder.replace("/", "\\")
    named = [row for row in files if row.get("DestDir") == wanted]
    assert len(named) == 1, f"{folder}: no [Files] line installs it into {wanted}"
    assert named[0]["Source"] == "{#Dist}\\_internal\\" + folder.replace("/", "\\") + "\\*"
    catch_all = next(row for row in files if row["Source"] == "{#Dist}\\_internal\\*")
    excluded = catch_all["Excludes"].split(",")
    assert "\\" + folder.replace("/", "\\") in excluded, f"{folder} would be installed twice"


def test_the_windows_installer_names_no_folder_the_spec_does_not_bundle() -> None:
    own = {"{app}", "{app}\\_internal"}
    bundled = {"{app}\\_internal\\" + f.replace("/", "\\") for f in _bundle_folders()}
    assert {row["DestDir"] for row in _entries("Files")} == own | bundled


def test_the_windows_installer_is_chinese_per_user_and_upgrades_in_place() -> None:
    setup = dict(line.split("=", 1) for line in _iss_section("Setup") if "=" in line)
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["PrivilegesRequired"] == "lowest", "installs without administrator rights"
    assert setup["DefaultDirName"].startswith("{localappdata}"), "per-user folder"
    assert setup["UsePreviousAppDir"] == "yes"
    languages = _entries("Languages")
    assert [row["MessagesFile"] for row in languages] == ["{#ChineseMessages}"]
    icons = [row["Name"] for row in _entries("Icons")]
    assert any(n.startswith("{autoprograms}") for n in icons), "Start-menu entry"
    assert any(n.startswith("{autodesktop}") for n in icons), "desktop entry"
    targets = {row["Filename"] for row in _entries("Icons")}
    exes = {
        row["Source"].rsplit("\\", 1)[1] for row in _entries("Files") if "\\_" not in row["Source"]
    }
    assert {"{app}\\" + e for e in exes} >= targets - {"{cmd}", "{uninstallexe}"}


def test_the_chinese_wizard_text_is_found_with_inno_setup_6_and_7() -> None:
    """Inno Setup ships ChineseSimplified.isl officially only from 7.0.2 on (before, it is an
    unofficial translation the builder downloads): the script picks the compiler's copy on
    7.0.2+ and otherwise a file beside the script, stopping with the hint if it is missing."""
    text = (INSTALLER / "anjuan.iss").read_text(encoding="utf-8-sig")
    block = re.search(r"^#if VER >= EncodeVer\(7, 0, 2\)\n(.*?)^#endif$", text, re.S | re.M)
    assert block, "the version switch"
    official, _, fallback = block.group(1).partition("#else")
    assert '"compiler:Languages\\ChineseSimplified.isl"' in official
    assert 'AddBackslash(SourcePath) + "windows\\ChineseSimplified.isl"' in fallback
    assert (
        "#if !FileExists(ChineseMessages)" in fallback
        and "jrsoftware.org/files/istrans" in fallback
    )
    assert text.index("#endif") < text.index("[Setup]"), "defined before the sections"


def test_the_uninstaller_never_deletes_the_data_folder() -> None:
    text = (INSTALLER / "anjuan.iss").read_text(encoding="utf-8-sig")
    for row in _entries("UninstallDelete") + _entries("InstallDelete"):
        assert row["Name"].startswith("{app}\\"), row
    # The data folder the program uses on Windows (platformdirs, app/config.py) is named to
    # the user as kept, and is outside the installation folder.
    assert "{localappdata}\\anjuan-pingcha'" in text
    assert "Programs\\anjuan-pingcha" in text


def test_the_deb_depends_on_system_libraries_only() -> None:
    control = (INSTALLER / "linux" / "control.in").read_text(encoding="utf-8")
    depends = re.search(r"^Depends:(.*?)(?=^\S)", control, re.S | re.M)
    assert depends
    names = [d.strip() for d in depends.group(1).replace("\n", " ").split(",")]
    assert names and all(re.fullmatch(r"lib[\w.+-]+( \(>= @\w+@\))?", n) for n in names), names
    assert "libc6 (>= @GLIBC@)" in names, "the glibc the bundle needs, read at build time"
    desktop = (INSTALLER / "linux" / "anjuan-pingcha.desktop").read_text(encoding="utf-8")
    assert "Exec=/usr/bin/anjuan" in desktop and "Name[zh_CN]=案卷评查工作站" in desktop
    assert "Icon=anjuan-pingcha" in desktop
