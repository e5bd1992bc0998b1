"""The 乡镇（街道）赋权事项清单 from the command line (issue 14): import, show, refusal."""

from __future__ import annotations

from pathlib import Path

from tests.support import run_cli
from tests.unit.test_town_links import LIST


def test_town_import_and_show(tmp_path: Path) -> None:
    data = tmp_path / "data"
    empty = run_cli(data, "town", "show")
    assert empty.code == 0 and "尚未导入" in empty.stdout
    good = tmp_path / "清单.yaml"
    good.write_text(LIST, encoding="utf-8")
    imported = run_cli(data, "town", "import", str(good), "--json")
    assert imported.code == 0, imported.stderr
    assert imported.json() == {"lists": 2}
    shown = run_cli(data, "town", "show", "--json").json()
    assert [pl["organs"] for pl in shown] == [[], ["桃源镇"]]
    bad = tmp_path / "坏.yaml"
    bad.write_text("lists: [{name: 清单}]", encoding="utf-8")
    refused = run_cli(data, "town", "import", str(bad))
    assert refused.code != 0 and "source" in refused.stderr and "Traceback" not in refused.stderr
