"""The front door: ``Services`` builds every service and holds the database handle; the window
and the CLI never touch it, and all services read one identity (who is working)."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from app.config import Paths, RunContext, Settings
from app.services import Services

ROOT = Path(__file__).resolve().parents[2]


def database_handle_uses(source: str) -> list[int]:
    """Lines that reach a ``.db`` attribute (``services.db``, ``self.db``, ``getattr(x, "db")``)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Attribute) and node.attr == "db") or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr"}
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == "db"
        ):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_checker_finds_a_database_handle() -> None:
    assert database_handle_uses("x = services.db.session()\ny = getattr(s, 'db')\n") == [1, 2]
    assert database_handle_uses("services.search('x')\ndb = 1\n") == []


@pytest.mark.parametrize("package", ["app/ui", "app/cli"])
def test_window_and_cli_never_touch_the_database_handle(package: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for line in database_handle_uses(path.read_text(encoding="utf-8"))
    ]
    assert not found, "use a Services method instead of the database handle: " + ", ".join(found)


@pytest.fixture
def services(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = Services.open(RunContext(Paths(tmp_path / "data"), today=date(2026, 10, 20)))
    yield opened
    opened.close()


def test_every_service_reads_the_one_identity(services: Services) -> None:
    built = [
        services.reviews,
        services.campaigns,
        services.team,
        services.corrections,
        services.letters(),
        services.rectification(),
        services.ledger(),
        services.numbers(),
    ]
    assert all(s.identity is services.identity for s in built)
    reviews, campaigns = services.reviews, services.campaigns
    services.set_reviewer_name("  李评查 ")
    # Nothing rebuilt: the services a window holds see the new name at once.
    assert services.reviews is reviews and services.campaigns is campaigns
    assert [s.who for s in built if not hasattr(s, "default_reviewer")] == ["李评查"] * 7
    assert reviews.default_reviewer == "李评查"
    assert Settings.load(services.ctx.paths.settings_file).reviewer_name == "李评查"


def test_nobody_named_is_an_unnamed_actor_not_a_person(services: Services) -> None:
    from app.identity import UNNAMED_ACTOR

    assert services.campaigns.who == UNNAMED_ACTOR
    assert services.ledger().who == UNNAMED_ACTOR


def test_act_as_names_who_works_for_one_run_without_saving(services: Services) -> None:
    services.act_as("赵组长")
    assert services.reviews.default_reviewer == "赵组长" and services.team.who == "赵组长"
    assert Settings.load(services.ctx.paths.settings_file).reviewer_name == ""
    services.act_as(None)
    assert services.identity.name == "赵组长"


def test_save_settings_validates_in_one_place(services: Services) -> None:
    from dataclasses import replace

    from app.errors import UserError

    with pytest.raises(UserError, match="1 至 365 天"):
        services.save_settings(replace(services.settings, rectification_days=0))
    assert services.settings.rectification_days == 30
    services.save_settings(replace(services.settings, rectification_days=20, reviewer_name="钱"))
    assert services.settings.rectification_days == 20 and services.identity.name == "钱"
