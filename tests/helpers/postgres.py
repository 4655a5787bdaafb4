"""A throwaway PostgreSQL server for the tests (issue 16): initdb in a temporary folder, a unix socket only.

Why not pytest-postgresql: it needs the same binaries and adds a dependency for what is fifty lines here,
and it does not handle the one awkward part, that `initdb` refuses to run as root (CI runs as root): the
server then runs as the `postgres` system user, in a folder that user owns.

If the server cannot start, the fixture FAILS with the reason (PostgreSQL support is tested, not optional).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import psycopg

PORT = 5432  # only names the socket file: the socket folder is private, so any number is free
START_TIMEOUT_S = 60


def _bin_dir() -> Path | None:
    """The newest installed server's binaries (Debian keeps them outside PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class PostgresServer:
    """A running server: `url(dbname)` for SQLAlchemy, `create_database` for a fresh empty database."""

    root: Path
    bin_dir: Path
    as_postgres: bool  # started as the postgres system user (we are root)
    user: str

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{self.user}@/{dbname}?host={self.socket_dir}&port={PORT}"

    def create_database(self, dbname: str) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres").replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
            conn.execute(f'CREATE DATABASE "{dbname}" ENCODING \'UTF8\' TEMPLATE template0')
        return self.url(dbname)

    def _run(self, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False)

    def start(self) -> None:
        self.socket_dir.mkdir()
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        initdb = self._run(
            [str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", self.user, "--auth=trust",
             "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]
        )  # fmt: skip
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed: {initdb.stderr.strip() or initdb.stdout.strip()}")
        self.resume()

    def resume(self) -> None:
        """Start the (initialised) server, e.g. again after `pause`."""
        options = f"-p {PORT} -k {self.socket_dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        started = self._run(
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-o", options, "-l",
             str(self.root / "server.log"), "-w", "-t", str(START_TIMEOUT_S), "start"]
        )  # fmt: skip
        if started.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr.strip()} {log[-2000:]}")

    def pause(self) -> None:
        """Stop the server but keep its data (a lost connection: every client is cut off until `resume`)."""
        stopped = self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"])
        if stopped.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed: {stopped.stderr.strip()}")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PostgresServer:
    """Start a private server, or raise RuntimeError saying why it cannot."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql; `./dev` installs it)")
    as_postgres = os.geteuid() == 0
    if as_postgres and shutil.which("runuser") is None:
        raise RuntimeError("running as root, and `runuser` (to start the server as `postgres`) is missing")
    server = PostgresServer(
        root=Path(tempfile.mkdtemp(prefix="boardapp-pg-")), bin_dir=bin_dir, as_postgres=as_postgres,
        user="postgres",
    )  # fmt: skip
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server


_SERVER = pytest.StashKey["PostgresServer | str"]()


@pytest.fixture(scope="session")
def postgres_server(request: pytest.FixtureRequest) -> PostgresServer:
    """One server for the whole run, stopped at the end; a server that cannot start fails the tests.

    Kept in the run's stash, so the folders that import this fixture (each import is its own fixture
    definition to pytest) share one server, and a server that failed to start is not tried again.
    """
    config = request.config
    if _SERVER not in config.stash:
        try:
            server = start_server()
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            config.stash[_SERVER] = f"the test PostgreSQL server could not start: {exc}"
        else:
            config.stash[_SERVER] = server
            config.add_cleanup(server.stop)
    found = config.stash[_SERVER]
    if isinstance(found, str):
        pytest.fail(found, pytrace=False)
    return found


@dataclass
class PgTemplates:
    """Template databases on the test server, each made when first needed, and private copies of them.

    "empty" is migrated to head; "demo" also holds the demonstration data. A copy is
    `CREATE DATABASE x TEMPLATE t` (the server copies the files: tens of milliseconds).
    """

    server: PostgresServer
    base: Path
    made: set[str] = field(default_factory=set)
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def admin(self) -> psycopg.Connection[tuple[Any, ...]]:
        """An autocommit connection to the server's `postgres` database (CREATE/DROP DATABASE, pg_terminate_backend)."""
        import psycopg

        return psycopg.connect(self.server.url("postgres").replace("+psycopg", ""), autocommit=True)

    def _make(self, name: str) -> None:
        from boardapp.home import AppHome
        from boardapp.services.demo import load_demo
        from boardapp.store.database import open_store

        url = self.server.create_database(f"engines_template_{name}")
        store = open_store(AppHome(basedir=self.base / name, db_url=url))  # migrated to head on open
        try:
            if name == "demo":
                with store.transaction() as session:
                    load_demo(session)
        finally:
            store.close()  # disposes the engine: a template must have no one connected to it
        self.made.add(name)

    def copy(self, name: str) -> str:
        """A new database holding what the template `name` holds: its URL."""
        if name not in self.made:
            self._make(name)
        database = f"engines_test_{next(self._names)}"
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{database}" TEMPLATE "engines_template_{name}" STRATEGY FILE_COPY')
        return self.server.url(database)

    def drop(self, url: str) -> None:
        """Drop a copy, whoever is still connected to it (a test that forgot to close a store)."""
        database = database_name(url)
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def database_name(url: str) -> str:
    """The database named by a test server URL (`...@/<name>?host=...`)."""
    return url.split("@/", 1)[1].split("?", 1)[0]


@pytest.fixture(scope="session")
def pg_templates(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> PgTemplates:
    return PgTemplates(postgres_server, tmp_path_factory.mktemp("pg-templates"))
