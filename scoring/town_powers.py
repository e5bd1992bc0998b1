"""赋权事项清单: the penalty matters a province gave each 乡镇（街道）, as data.

Why: since 2021 a 乡镇人民政府 or 街道办事处 punishes only in the matters the province handed
down to it (《行政处罚法》第二十四条); a decision on a basis outside its list is made
without power — a 执法主体 finding, the first thing a reviewer of a 乡镇 file checks.
Each province publishes its own list (often one for all its 乡镇, sometimes one per
乡镇), so the lists are data: ``scoring/data/town_powers.yaml`` ships none, a bureau imports
its province's (``town import``, the data folder's ``town_powers.yaml`` wins).

A matter is matched by the provision it rests on (law and article: the 款 and 项 a
decision adds do not matter). Pure Python; the app finds the cited provisions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from scoring.data_files import load_data_file
from scoring.fine_ranges import Provision, parse_provisions

__all__ = [
    "DEFAULT_TOWN_POWERS_PATH",
    "PowerList",
    "TownPowers",
    "TownPowersError",
    "load_town_powers",
    "outside_list",
]

DEFAULT_TOWN_POWERS_PATH = Path(__file__).parent / "data" / "town_powers.yaml"


class TownPowersError(ValueError):
    """The 赋权事项清单 file cannot be used (message in Chinese)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Matter(_Model):
    """One delegated matter: its name as the list prints it and the provision(s) it rests on."""

    matter: str = Field(min_length=1)
    basis: str = Field(min_length=1)

    def provisions(self) -> list[Provision]:
        return parse_provisions(self.basis)


class PowerList(_Model):
    """One list: the province's for every 乡镇 (``organs`` empty) or one 乡镇's own."""

    name: str = Field(min_length=1)
    source: str = Field(min_length=1)  # the decision that published it (省政府决定 …)
    #: Words of the organs it is for (桃源镇人民政府); empty: every 乡镇（街道）.
    organs: tuple[str, ...] = ()
    matters: tuple[Matter, ...] = ()

    def covers(self, provision: Provision) -> bool:
        return any(
            p.law == provision.law and p.article == provision.article
            for m in self.matters
            for p in m.provisions()
        )


class TownPowers(_Model):
    lists: tuple[PowerList, ...] = ()

    def for_organ(self, organ: str | None) -> PowerList | None:
        """The list for this 乡镇: its own (the longest matching organ words), else the
        province's general one; None when no list applies."""
        if not organ:
            return None
        own = [
            (max(len(w) for w in pl.organs if w in organ), pl)
            for pl in self.lists
            if any(w in organ for w in pl.organs)
        ]
        if own:
            return max(own, key=lambda pair: pair[0])[1]
        return next((pl for pl in self.lists if not pl.organs), None)


def load_town_powers(paths: Iterable[Path | str] = ()) -> TownPowers:
    """The bundled file, then each given file that exists (a later one replaces it)."""
    found = TownPowers()
    for path in (DEFAULT_TOWN_POWERS_PATH, *map(Path, paths)):
        if Path(path).is_file():
            found = load_data_file(
                Path(path),
                "赋权事项清单文件",
                TownPowers,
                TownPowersError,
                shape="应为“lists: […]”形式的映射",
            )
    return found


def outside_list(provisions: Sequence[Provision], powers: PowerList) -> list[Provision]:
    """The provisions a decision rests on that its 乡镇's list does not hold."""
    return [p for p in provisions if not powers.covers(p)]
