"""A PostgreSQL connection lost mid-session (issue 11 point 3, issue 16): a plain message, nothing lost, retried.

Two real ways of losing it: the session's own backend killed with `pg_terminate_backend` (on the suite's
shared server), and the whole server stopped and started again (on a private server, so the other tests
keep theirs). The services raise `ConnectionLost` with a plain sentence (never SQL); the next call
connects afresh; the CLI exits with the sentence; the GUI's autosave keeps the text in memory and in a
recovery file and saves it once the server is back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlmodel import Session

from boardapp.cli import main as cli_main
from boardapp.gui.autosave import NotesAutosaver, SaveState
from boardapp.gui.operations import Operations
from boardapp.gui.recovery import recovery_dir
from boardapp.home import AppHome
from boardapp.services import boards, minuting
from boardapp.store.database import Store, open_store
from boardapp.store.errors import ConnectionLost, StoreError, classify
from tests.gui.workspace.ws_helpers import AUGUST, item_ids, stored_notes
from tests.helpers.postgres import PgTemplates, PostgresServer, start_server

pytestmark = pytest.mark.postgres

SECRET = "Cllr Ahmed declared an interest in the Oakfield contract"
SERVER_LOST = (
    "Not saved: the connection to the database server was lost. Your text is kept and will be saved when it can."
)


@pytest.fixture
def pg_home(pg_templates: PgTemplates, tmp_path: Path) -> Iterator[AppHome]:
    url = pg_templates.copy("demo")
    try:
        yield AppHome.from_options(basedir=tmp_path / "home", db=url)
    finally:
        pg_templates.drop(url)


@pytest.fixture
def pg_store(pg_home: AppHome) -> Iterator[Store]:
    store = open_store(pg_home)
    yield store
    store.close()


def _kill_own_backend(session: Session, templates: PgTemplates) -> None:
    """Terminate the server process behind `session`'s connection, from another connection."""
    pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with templates.admin() as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)


def _assert_plain(error: StoreError) -> None:
    message = str(error)
    assert message.startswith("The connection to the database server postgresql")
    assert "Try again when the server is back." in message
    for sql in ("SELECT", "INSERT", "UPDATE", "[SQL", "psycopg"):
        assert sql not in message


def test_a_read_on_a_killed_connection_says_so_plainly_and_the_next_one_reconnects(
    pg_store: Store, pg_templates: PgTemplates
) -> None:
    with pg_store.session() as session:
        names = [board.name for board in boards.list_boards(session)]
        _kill_own_backend(session, pg_templates)
        with pytest.raises(ConnectionLost) as raised:
            boards.list_boards(session)
    _assert_plain(raised.value)
    with pg_store.session() as session:  # a new session: the pool connects afresh
        assert [board.name for board in boards.list_boards(session)] == names


def test_a_save_on_a_killed_connection_writes_nothing_and_the_retry_saves(
    pg_store: Store, pg_templates: PgTemplates
) -> None:
    item = item_ids(pg_store, AUGUST)[0]
    before = stored_notes(pg_store, item)
    with pytest.raises(ConnectionLost) as raised, pg_store.transaction() as session:
        minuting.notes_of(session, item)  # the transaction holds its connection from here
        _kill_own_backend(session, pg_templates)
        minuting.save_notes(session, item, SECRET)
        session.flush()
    _assert_plain(raised.value)
    assert stored_notes(pg_store, item) == before
    with pg_store.transaction() as session:
        minuting.save_notes(session, item, SECRET)
    assert stored_notes(pg_store, item) == SECRET


def test_the_command_line_prints_the_message_and_no_traceback(
    pg_home: AppHome, pg_templates: PgTemplates, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = boards.list_boards

    def list_then_lose(session: Session, include_archived: bool = False) -> object:
        _kill_own_backend(session, pg_templates)
        return real(session, include_archived)

    monkeypatch.setattr(boards, "list_boards", list_then_lose)
    status = cli_main(["--basedir", str(pg_home.basedir), "--db", pg_home.db_url or "", "board", "list"])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err.startswith("boardapp: The connection to the database server postgresql")
    assert "Traceback" not in captured.err and "SELECT" not in captured.err and captured.out == ""


# -- the server stopped and started again (a private server) -----------------------------------------------


@pytest.fixture(scope="module")
def own_server() -> Iterator[PostgresServer]:
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def stopping_store(own_server: PostgresServer, tmp_path: Path) -> Iterator[Store]:
    """The demo on the private server, which each test may stop (`pause`) and start again (`resume`)."""
    from boardapp.services.demo import load_demo

    store = open_store(AppHome.from_options(basedir=tmp_path / "home", db=own_server.create_database("lost")))
    with store.transaction() as session:
        load_demo(session)
    yield store
    store.close()


def test_autosave_keeps_the_text_while_the_server_is_down_and_saves_it_when_it_is_back(
    qtbot: QtBot, own_server: PostgresServer, stopping_store: Store
) -> None:
    item = item_ids(stopping_store, AUGUST)[0]
    saver = NotesAutosaver(stopping_store, debounce_ms=0, max_delay_ms=0)
    own_server.pause()
    try:
        saver.edited(item, lambda: SECRET)
        qtbot.waitUntil(lambda: saver.state is SaveState.FAILED, timeout=5000)
        assert saver.last_error == SERVER_LOST
        kept = json.loads((recovery_dir(stopping_store.path) / f"item-{item}.json").read_text(encoding="utf-8"))
        assert kept["text"] == SECRET
    finally:
        own_server.resume()
    try:
        qtbot.waitUntil(lambda: stored_notes(stopping_store, item) == SECRET, timeout=10000)  # the retry
        qtbot.waitUntil(lambda: saver.state is SaveState.SAVED, timeout=3000)
        assert not recovery_dir(stopping_store.path).exists()  # removed once saved
    finally:
        saver.close()


def test_a_gui_operation_while_the_server_is_down_is_refused_plainly(
    qtbot: QtBot, own_server: PostgresServer, stopping_store: Store
) -> None:
    operations = Operations(stopping_store, show_errors=False)
    with stopping_store.session() as session:
        before = len(boards.list_boards(session))
    own_server.pause()
    try:
        with qtbot.waitSignal(operations.failed) as failed:
            assert operations.run(boards.create_board, "Schools Forum") is None
    finally:
        own_server.resume()
    assert str(failed.args[0]).startswith("The connection to the database server")
    assert operations.run(boards.create_board, "Schools Forum") is not None  # the server is back: it works
    with stopping_store.session() as session:
        assert len(boards.list_boards(session)) == before + 1


def test_classify_knows_a_lost_connection_from_the_driver_alone(pg_templates: PgTemplates, tmp_path: Path) -> None:
    """Outside the engine's hook (a plain psycopg connection), `classify` still tells a lost connection."""
    with pg_templates.admin() as own, pytest.raises(psycopg.errors.AdminShutdown) as raised:  # SQLSTATE 57P01
        own.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    known = classify(raised.value, tmp_path / "label")
    assert isinstance(known, ConnectionLost)
    assert str(known).startswith("The connection to the database server was lost")
    assert classify(ValueError("not a database problem"), tmp_path / "label") is None
