"""The demo library's own data folder: marked, with the demo organ, never over real work."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.errors import UserError
from app.services import Services
from app.store import repositories


def test_open_demo_uses_a_marked_folder_of_its_own(tmp_path: Path) -> None:
    real = Paths(tmp_path / "data")
    services = Services.open_demo(RunContext(real, today=None))
    try:
        paths = services.ctx.paths
        assert paths.data_dir == tmp_path / "data" / "demo" and paths.is_demo
        assert services.db.demo_library and not real.is_demo
        assert paths.real_data_dir == real.data_dir
        assert paths.demo_data_dir == paths.data_dir, "the demo of a demo is itself"
        assert services.settings.issuing_organ == "演示市司法局"
        assert services.settings.letter_code_opinion != "司监意", "its own number sequence"
    finally:
        services.db.dispose()


def test_a_demo_is_never_built_over_real_dossiers(tmp_path: Path) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    try:
        with services.db.session() as s:
            repositories.add_case_file(
                s,
                sha256="0" * 64,
                original_name="真实.pdf",
                stored_path="真实.pdf",
                source_kind="pdf",
                page_count=3,
            )
        with pytest.raises(UserError, match="真实案卷"):
            services.build_demo(count=1)
        assert not services.ctx.paths.is_demo and not services.db.demo_library
    finally:
        services.db.dispose()
