"""The 乡镇（街道）赋权事项清单 a bureau imports (``town import`` / 评查 → 乡镇赋权事项清单).

Why a file in the data folder: each province publishes its own list (《行政处罚法》第二十四条)
and none ships with the product; the imported file (``town_powers.yaml``) is read by the
pre-checks of every 乡镇 dossier. A broken file is refused with the field that is wrong.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.changes import OpChanges, OpResult
from app.config import Paths
from app.errors import UserError
from scoring.town_powers import TownPowers, TownPowersError, load_town_powers

__all__ = ["FILE_NAME", "TownPowerService", "town_powers_of"]

FILE_NAME = "town_powers.yaml"


def town_powers_of(data_dir: Path | None) -> TownPowers:
    """The lists in force for a data folder (the imported file, else the bundled none)."""
    try:
        return load_town_powers([data_dir / FILE_NAME] if data_dir else [])
    except TownPowersError as exc:
        raise UserError(str(exc)) from None


@dataclass
class TownPowerService:
    paths: Paths

    @property
    def file(self) -> Path:
        return self.paths.data_dir / FILE_NAME

    def current(self) -> TownPowers:
        return town_powers_of(self.paths.data_dir)

    def show(self) -> list[dict[str, Any]]:
        """The lists as plain data: name, source, organs, matters (name and basis)."""
        return [
            {
                "name": pl.name,
                "source": pl.source,
                "organs": list(pl.organs),
                "matters": [{"matter": m.matter, "basis": m.basis} for m in pl.matters],
            }
            for pl in self.current().lists
        ]

    def import_file(self, path: Path) -> OpResult[int]:
        """Check a list file and keep it as the data folder's list; the value: how many lists."""
        try:
            lists = load_town_powers([path])
        except TownPowersError as exc:
            raise UserError(str(exc)) from None
        if not Path(path).is_file():
            raise UserError(f"找不到赋权事项清单文件 {path}")
        if not lists.lists:
            raise UserError(f"赋权事项清单文件 {path} 中没有任何清单（lists 为空）。")
        self.file.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, self.file)
        return OpResult(len(lists.lists), OpChanges(settings=True))
