"""The services on PostgreSQL give what they give on SQLite (issue 16 point 1).

One scenario — the demo, boards, calendar, live minuting, matters arising, the action log, plan status,
minutes exported to Word and PDF — runs once on each engine; every step's result is compared. A step
that raises records the error instead of stopping the scenario, so a failure names the service.

The PostgreSQL server is started by the suite itself (tests/helpers/postgres.py) and a failure to start
it fails these tests: PostgreSQL support is tested, never skipped.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Enum, create_engine, inspect, text
from sqlmodel import Session, SQLModel, col, select

import boardapp.store.postgres as postgres_store
from boardapp.cli import main as cli_main
from boardapp.core.enums import ActionStatus, ScaleKind
from boardapp.core.models import AgendaItem, Meeting, Plan, PlanItem
from boardapp.exporting.meetings.export import export_minutes
from boardapp.home import AppHome
from boardapp.services import action_log, boards, calendar, matters_arising, minuting, navigator, plan_status, plans
from boardapp.services.demo import load_demo
from boardapp.store import migrations
from boardapp.store.database import Store, open_store
from boardapp.store.errors import NotABoardAppDatabase, StoreError
from tests.helpers.exporting_readback import docx_text, pdf_text
from tests.helpers.postgres import PostgresServer, postgres_server

__all__ = ["postgres_server"]  # the session fixture, used here by name

pytestmark = pytest.mark.postgres

TODAY = dt.date(2017, 9, 1)
_names = itertools.count(1)


def _new_database(server: PostgresServer) -> str:
    return server.create_database(f"boardapp_test_{next(_names)}")


def _open_on(server: PostgresServer, base: Path) -> Store:
    return open_store(AppHome(basedir=base, db_url=_new_database(server)))


# -- URL handling: no server needed ------------------------------------------------------------------


def test_a_database_url_is_kept_as_a_url_never_made_a_folder(tmp_path: Path) -> None:
    home = AppHome.from_options(basedir=tmp_path, db="postgresql://clerk:secret@db.example/boards")
    assert home.server_url == "postgresql://clerk:secret@db.example/boards"
    assert home.db_override is None
    assert "postgresql:" not in str(home.db_path)
    assert not home.is_new()  # a shared database never gets the first run's demo choice
    assert AppHome.from_options(basedir=tmp_path, db=str(tmp_path / "file.sqlite")).server_url is None


def test_the_cli_on_an_unreachable_server_says_so_and_creates_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"postgresql://clerk:secret@/boards?host={tmp_path / 'no-server'}"
    status = cli_main(["--basedir", str(tmp_path / "home"), "--db", url, "board", "list"])
    message = capsys.readouterr().err
    assert status == 1
    assert "cannot be used" in message and "secret" not in message
    assert not list(tmp_path.rglob("*.sqlite")) and not (tmp_path / "postgresql:").exists()


# -- the store on a real server ----------------------------------------------------------------------


def test_migrations_reach_head_and_build_every_model_table(postgres_server: PostgresServer, tmp_path: Path) -> None:
    store = _open_on(postgres_server, tmp_path)
    try:
        with store.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            tables = set(inspect(connection).get_table_names())
        assert revision == migrations.head_revision()
        assert set(SQLModel.metadata.tables) <= tables
        assert not any(name.startswith("search_index") for name in tables)  # FTS5 is SQLite's only
    finally:
        store.close()


def test_every_enum_value_of_the_models_exists_on_postgresql(postgres_server: PostgresServer, tmp_path: Path) -> None:
    """SQLite stores enums as text, PostgreSQL as types: a value added to a model needs ALTER TYPE there."""
    store = _open_on(postgres_server, tmp_path)
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT t.typname, e.enumlabel FROM pg_type AS t JOIN pg_enum AS e ON e.enumtypid = t.oid")
            ).all()
    finally:
        store.close()
    on_server: dict[str, set[str]] = {}
    for type_name, label in rows:
        on_server.setdefault(type_name, set()).add(label)
    wanted = {
        f"{table.name}.{column.name}": (column.type.name, set(column.type.enums))
        for table in SQLModel.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, Enum) and column.type.name
    }
    assert wanted  # the models do use enums
    assert {where: values for where, (name, values) in wanted.items() if on_server.get(name) != values} == {}


def test_a_second_open_finds_the_schema_current_and_keeps_the_data(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    url = _new_database(postgres_server)
    first = open_store(AppHome(basedir=tmp_path, db_url=url))
    with first.transaction() as session:
        board_id, _ = boards.create_board(session, "Schools Forum")
    first.close()
    again = open_store(AppHome(basedir=tmp_path, db_url=url))
    try:
        with again.session() as session:
            assert [b.id for b in boards.list_boards(session)] == [board_id]
    finally:
        again.close()


def test_another_programs_database_is_refused_untouched(postgres_server: PostgresServer, tmp_path: Path) -> None:
    url = _new_database(postgres_server)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE invoices (id integer)"))
        with pytest.raises(NotABoardAppDatabase):
            open_store(AppHome(basedir=tmp_path, db_url=url))
        with engine.connect() as connection:
            assert inspect(connection).get_table_names() == ["invoices"]
    finally:
        engine.dispose()


def test_a_backup_is_a_pg_dump_archive_or_names_the_command(
    postgres_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _open_on(postgres_server, tmp_path)
    try:
        backup = store.backup("by hand")
        assert backup is not None and backup.suffix == ".dump"
        assert backup.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
        monkeypatch.setattr(postgres_store.shutil, "which", lambda _name: None)
        with pytest.raises(StoreError, match="pg_dump --format=custom"):
            store.backup("by hand")
    finally:
        store.close()


# -- the same scenario on both engines ---------------------------------------------------------------


@dataclass
class Outcome:
    """What each step returned (or the error it raised), by step name."""

    results: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


Step = Callable[[Session, dict[str, Any], Path], Any]


def _august_item(session: Session, position: int) -> AgendaItem:
    meeting = session.exec(select(Meeting).where(col(Meeting.date) == dt.date(2017, 8, 1))).one()
    return session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id, AgendaItem.position == position)
    ).one()


def _load(session: Session, ids: dict[str, Any], _tmp: Path) -> Any:
    summary = load_demo(session)
    ids["board"] = boards.list_boards(session)[0].id
    ids["september"] = session.exec(select(Meeting.id).where(col(Meeting.date) == dt.date(2017, 9, 12))).one()
    ids["august"] = session.exec(select(Meeting.id).where(col(Meeting.date) == dt.date(2017, 8, 1))).one()
    ids["plan"] = session.exec(select(Plan.id).order_by(col(Plan.id))).first()
    return summary


def _boards(session: Session, _ids: dict[str, Any], _tmp: Path) -> Any:
    new_id, _ = boards.create_board(session, "Schools Forum", short_name="SF", quorum=3)
    return boards.list_boards(session), boards.board_settings(session, new_id), navigator.list_boards(session)


def _calendar(session: Session, ids: dict[str, Any], _tmp: Path) -> Any:
    meeting_id, _ = calendar.schedule_meeting(session, ids["board"], dt.date(2018, 1, 9))
    return (
        calendar.next_meeting_suggestion(session, ids["september"]),
        calendar.board_calendar(session, ids["board"]),
        navigator.list_meetings(session, ids["board"]),
        meeting_id,
    )


def _minuting(session: Session, _ids: dict[str, Any], _tmp: Path) -> Any:
    item = _august_item(session, 5).id or 0
    minuting.save_notes(session, item, "- Caseloads feel manageable.\n- Résumé “quoted” 😀\n")
    minuting.add_decision(session, item, "That the update be noted.")
    minuting.add_decision(session, item, "That a further report come in October.")
    draft = minuting.draft_action(
        session, item, "Police to report on Neighbourhood Action Centres at the October meeting – Priya Natarajan"
    )
    action_id, _ = minuting.create_action(session, item, draft)
    return draft, action_id, minuting.minute_of(session, item), minuting.notes_with_version(session, item)


def _matters_arising(session: Session, ids: dict[str, Any], _tmp: Path) -> Any:
    before = matters_arising.matters_arising(session, ids["september"])
    matters_arising.record_action_update(
        session, before[0].action_id, ids["september"], status=ActionStatus.IN_PROGRESS, note="Started.", by="Clerk"
    )
    return before, matters_arising.matters_arising(session, ids["september"])


def _action_log(session: Session, ids: dict[str, Any], _tmp: Path) -> Any:
    queries = [
        action_log.ActionLogQuery(board_id=ids["board"]),
        action_log.ActionLogQuery(text="REPORT"),  # every word, whatever its case
        action_log.ActionLogQuery(owner_text="storey"),
        action_log.ActionLogQuery(sort=action_log.SortColumn.OWNERS),
        action_log.ActionLogQuery(sort=action_log.SortColumn.TEXT, descending=True),
        action_log.ActionLogQuery(sort=action_log.SortColumn.LAST_UPDATE),
        action_log.ActionLogQuery(sort=action_log.SortColumn.DUE, linked=True),
        action_log.ActionLogQuery(overdue_only=True, group_by=action_log.GroupBy.OWNER),
        action_log.ActionLogQuery(statuses=frozenset({ActionStatus.OPEN}), group_by=action_log.GroupBy.DUE_MEETING),
    ]
    return [
        (
            action_log.action_log_rows(session, query, today=TODAY),
            action_log.action_log_summary(session, query, today=TODAY),
            action_log.describe_query(session, query, today=TODAY),
        )
        for query in queries
    ], action_log.filter_choices(session, ids["board"])


def _plan_status(session: Session, ids: dict[str, Any], _tmp: Path) -> Any:
    tree = plans.plan_tree(session, ids["plan"])
    plan = session.get(Plan, ids["plan"])
    scale_id = plan_status.scale_id_of(plan, ScaleKind.PROGRESS) if plan is not None else None
    item = session.exec(select(PlanItem).where(PlanItem.plan_id == ids["plan"]).order_by(col(PlanItem.id))).first()
    changed = None
    if scale_id is not None and item is not None:
        levels = plan_status.list_scales(session)
        level_id = next(level.id for row in levels if row.id == scale_id for level in row.levels)
        changed, _ = plan_status.set_status(session, item.id or 0, level_id, changed_on=TODAY, changed_by="Clerk")
    return (
        plan_status.summarise(tree),
        plan_status.summarise(plans.plan_tree(session, ids["plan"])),
        changed,
        plan_status.timelines(session, [item.id or 0]) if item is not None else None,
        plan_status.changes_since(session, ids["plan"], today=TODAY),
        navigator.list_plans(session),
    )


def _exports(session: Session, ids: dict[str, Any], tmp: Path) -> Any:
    word, pdf = tmp / "minutes.docx", tmp / "minutes.pdf"
    export_minutes(session, ids["august"], word, "docx", public=False)
    export_minutes(session, ids["august"], pdf, "pdf", public=True)
    return docx_text(word), pdf_text(pdf)


STEPS: dict[str, Step] = {
    "demo load": _load,
    "boards": _boards,
    "calendar": _calendar,
    "minuting": _minuting,
    "matters arising": _matters_arising,
    "action log": _action_log,
    "plan status": _plan_status,
    "minutes exports": _exports,
}


def _run_scenario(store: Store, tmp: Path) -> Outcome:
    import time

    outcome, ids = Outcome(), dict[str, Any]()
    started = time.perf_counter()
    for name, step in STEPS.items():
        try:
            with store.transaction() as session:
                outcome.results[name] = step(session, ids, tmp)
        except Exception as exc:  # recorded, so the comparison names the service that failed
            outcome.results[name] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
    outcome.seconds = time.perf_counter() - started
    return outcome


@pytest.fixture(scope="module")
def outcomes(
    postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Outcome]]:
    results: dict[str, Outcome] = {}
    for engine in ("sqlite", "postgresql"):
        base = tmp_path_factory.mktemp(engine)
        home = AppHome(basedir=base / "home")
        if engine == "postgresql":
            home = AppHome(basedir=base / "home", db_url=_new_database(postgres_server))
        store = open_store(home)
        try:
            results[engine] = _run_scenario(store, base)
        finally:
            store.close()
    yield results
    for engine, outcome in results.items():  # shown with -rP / in the log: the measurement of issue 16
        print(f"services scenario on {engine}: {outcome.seconds:.2f} s")


@pytest.mark.parametrize("step", list(STEPS))
def test_each_service_step_gives_the_same_result_on_postgresql(outcomes: dict[str, Outcome], step: str) -> None:
    on_sqlite, on_postgres = outcomes["sqlite"].results[step], outcomes["postgresql"].results[step]
    assert not (isinstance(on_sqlite, str) and on_sqlite.startswith("raised ")), on_sqlite
    assert on_postgres == on_sqlite, _first_difference(on_sqlite, on_postgres)


def _first_difference(sqlite: Any, postgres: Any, where: str = "result") -> str:
    """Where the two results first differ, e.g. `result[0][2][1].owner_names: ('A',) != ('B',)`."""
    if isinstance(sqlite, (list, tuple)) and isinstance(postgres, (list, tuple)):
        for index, (left, right) in enumerate(zip(sqlite, postgres, strict=False)):
            if left != right:
                return _first_difference(left, right, f"{where}[{index}]")
        return f"{where}: {len(sqlite)} items on SQLite, {len(postgres)} on PostgreSQL"
    if hasattr(sqlite, "__dataclass_fields__") and type(sqlite) is type(postgres):
        for name in sqlite.__dataclass_fields__:
            if getattr(sqlite, name) != getattr(postgres, name):
                return _first_difference(getattr(sqlite, name), getattr(postgres, name), f"{where}.{name}")
    return f"{where}: SQLite {sqlite!r:.400} != PostgreSQL {postgres!r:.400}"


def test_the_cli_runs_unchanged_on_a_server_database(
    postgres_server: PostgresServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _new_database(postgres_server)
    home = ["--basedir", str(tmp_path / "home"), "--db", url]
    assert cli_main([*home, "board", "list"]) == 0  # a new server database: no boards, no error
    assert cli_main([*home, "board", "add", "Schools Forum"]) == 0
    assert cli_main([*home, "board", "list"]) == 0
    assert "Schools Forum" in capsys.readouterr().out
    assert cli_main([*home, "check"]) == 0
    assert "BoardApp database on PostgreSQL" in capsys.readouterr().out
    assert cli_main([*home, "backup"]) == 0
    assert list((tmp_path / "home" / "backups").glob("*.dump"))
    assert not list(tmp_path.rglob("*.sqlite"))  # nothing went into a local file
