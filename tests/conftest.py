"""Shared fixtures: the reference data folder, coders, a tiny dictionary set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The field's reference data (../shared/data); skipped in a plain clone, a failure in CI."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(
                f"reference data not present at {SHARED_DATA}: CI is set, and CI must run the "
                "accuracy gates on it",
                pytrace=False,
            )
        pytest.skip(f"reference data not present at {SHARED_DATA} (only in the project's CI)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def coder():
    """A coder with the default (shipped) dictionaries and spaCy pipeline."""
    from tieline import Coder

    return Coder()


@pytest.fixture(scope="session")
def tiny_coder():
    """A coder over the small hand-written dictionaries in tests/fixtures/dictionaries."""
    from tieline import Coder
    from tieline.coding.dictionaries import read_petrarch_set

    d = FIXTURES / "dictionaries"
    dictionaries = read_petrarch_set(
        verbs=[d / "tiny.verbs.txt"],
        actors=[d / "tiny.actors.txt"],
        agents=[d / "tiny.agents.txt"],
        discards=[d / "tiny.discards.txt"],
        issues=[d / "tiny.issues.txt"],
    )
    return Coder(dictionaries)


PG_ADMIN_URL = os.environ.get(
    "TIELINE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _pg_admin_engine():
    from sqlalchemy import create_engine

    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def create_pg_database(name: str) -> str:
    """Create an empty PostgreSQL database; return its URL."""
    from sqlalchemy import text

    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


def drop_pg_database(name: str) -> None:
    """Drop a test database, ending its leftover connections first."""
    from sqlalchemy import text

    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_available() -> bool:
    """Whether the PostgreSQL server for tests answers; CI must have it."""
    from sqlalchemy import text

    try:
        with _pg_admin_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        if os.environ.get("CI"):
            raise RuntimeError(f"PostgreSQL for tests is not reachable at {PG_ADMIN_URL}") from exc
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend: a SQLite file, a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not request.getfixturevalue("pg_available"):
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL} (set TIELINE_TEST_PG)")
    name = f"tieline_test_{uuid.uuid4().hex[:12]}"
    url = create_pg_database(name)
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def example_store_url(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[str]:
    """A database per backend holding the example corpus, shared by a module's tests."""
    from tieline.batch.ingest import ingest
    from tieline.store import open_store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'examples.db'}"
        name = None
    else:
        if not request.getfixturevalue("pg_available"):
            pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL} (set TIELINE_TEST_PG)")
        name = f"tieline_web_{uuid.uuid4().hex[:12]}"
        url = create_pg_database(name)
    store = open_store(url)
    examples = sorted((ROOT / "examples").iterdir())
    fixtures = sorted((FIXTURES / "documents").glob("*.*"))
    ingest(store, [str(p) for p in examples + fixtures])
    store.close()
    try:
        yield url
    finally:
        if name:
            drop_pg_database(name)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the test item (browser tests screenshot on failure)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
