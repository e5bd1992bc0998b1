"""Shared pytest fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests judge results, not speed: on a loaded 2-core CI machine input generation is
# slow and one example may take seconds, which must not fail a run.
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("ci")

# ---------------------------------------------------------------- PostgreSQL (app/store)
PG_URL_ENV = "ANJUAN_TEST_PG_URL"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped after the test.

    Set ``ANJUAN_TEST_PG_URL`` to a server URL whose role may create databases (e.g.
    ``postgresql+psycopg://anjuan:anjuan@localhost/anjuan_test``); without it the test
    is skipped. A new database per test keeps runs from colliding."""
    base = os.environ.get(PG_URL_ENV)
    if not base:
        pytest.skip(f"PostgreSQL not configured (set {PG_URL_ENV})")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(base)
    name = f"anjuan_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


# ---------------------------------------------------------------- (other fixtures below)


# ---------------------------------------------------------------- demo dossiers (app/demo)
@pytest.fixture(scope="session")
def demo_sources(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The first dossiers of the default demo library (PDFs + ground truth), generated once."""
    from app.demo import generate_library

    folder = tmp_path_factory.mktemp("demo-sources")
    generate_library(folder, count=3, seed=2024)
    return folder


@pytest.fixture(scope="session")
def reviewed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reviewed library is built once; each test works on a copy of its database."""
    root = tmp_path_factory.mktemp("reviewed")
    from tests.review_support import build_reviewed_library

    lib = build_reviewed_library(root)
    lib.db.dispose()
    return root


@pytest.fixture
def reviewed(reviewed_template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    import shutil

    from app.config import Paths
    from app.review.campaigns import CampaignService
    from app.store.database import open_database
    from tests.review_support import ReviewedLibrary

    shutil.copytree(reviewed_template / "data", tmp_path / "data")
    paths = Paths(tmp_path / "data")
    db = open_database(f"sqlite:///{paths.database_file}")
    campaigns = {c.period + c.kind: c.id for c in CampaignService(db).list()}
    yield ReviewedLibrary(
        db, paths, campaigns["2026Q1spotcheck"], campaigns["2026Q2spotcheck"],
        campaigns["2026Q2selfreview"],
    )  # fmt: skip
    db.dispose()
