"""Opening a store: URL resolution, checks before anything is written, migrations, pragmas."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from tieline.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_URL = "sqlite:///tieline.db"
SQLITE_HEADER = b"SQLite format 3\x00"


def resolve_url(url: str | None) -> str:
    """The database URL: the argument, else ``TIELINE_DB``, else ``./tieline.db``.

    A bare path is taken as a SQLite file; ``postgresql://`` uses the psycopg driver.
    """
    url = url or os.environ.get("TIELINE_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def redact(url: str) -> str:
    """A URL fit for messages: the password hidden."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        if ":" in creds:
            creds = creds.split(":", 1)[0] + ":***"
        return f"{scheme}://{creds}@{host}"
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    if not path or path == ":memory:":
        return None
    return Path(path)


def check_sqlite_location(url: str) -> None:
    """Refuse a file that is not SQLite, or a place where nothing can be written."""
    path = sqlite_path(url)
    if path is None:
        return
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        with path.open("rb") as fh:
            head = fh.read(16)
        if head and head != SQLITE_HEADER:
            raise StoreError(f"{path}: not a SQLite database (unexpected file header)")
        if not os.access(path, os.W_OK) or not os.access(path.parent or Path("."), os.W_OK):
            raise StoreError(f"{path}: read-only location, cannot write the database")
        return
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise StoreError(f"{path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise StoreError(f"{path}: read-only location, cannot create the database")


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for a resolved URL, checked to be reachable; nothing is written."""
    dialect = url.split(":", 1)[0].split("+", 1)[0]
    if dialect not in {"sqlite", "postgresql"}:
        raise StoreError(f"{redact(url)}: unsupported database (use sqlite:/// or postgresql://)")
    if dialect == "sqlite":
        check_sqlite_location(url)
    try:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"{redact(url)}: bad database URL ({exc})") from exc
    if dialect == "sqlite":
        _sqlite_pragmas(engine)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"{redact(url)}: cannot connect ({reason})") from exc
    return engine


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    location = resources.files("tieline.store").joinpath("migrations")
    cfg.set_main_option("script_location", str(location))
    return cfg


@dataclass(frozen=True)
class SchemaState:
    """The revision a database is at and the newest this tieline knows."""

    current: str | None
    head: str


def schema_state(engine: Engine) -> SchemaState:
    """Read the database's schema revision without changing anything."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    head = script.get_current_head() or ""
    current = None
    if inspect(engine).has_table("alembic_version"):
        with engine.connect() as conn:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"{redact(str(engine.url))}: database schema version {current} is newer than this "
            f"tieline knows (latest {head}); upgrade tieline to use it"
        )
    return SchemaState(current, head)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic), creating it in a new database."""
    from alembic import command

    state = schema_state(engine)
    if state.current == state.head:
        return
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
