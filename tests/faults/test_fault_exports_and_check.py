"""Exports never overwrite the database, its WAL, a backup or a device; `check` names what a file is."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from faultkit import add_rows, as_nobody, rows

from boardapp.cli import main
from boardapp.home import AppHome
from boardapp.store import migrations
from boardapp.store.backups import list_backups, take_backup
from boardapp.store.database import make_engine, open_store
from boardapp.store.errors import UnsafeOutput
from boardapp.store.output_guard import check_output_path, protected_paths


@pytest.fixture
def ready_home(home: AppHome) -> AppHome:
    store = open_store(home)
    store.close()
    add_rows(home.db_path, "Ofsted")
    return home


def _export(home: AppHome, output: Path | str, kind: str = "actions", fmt: str = "xlsx") -> int:
    extra = ["--plan", "Improvement"] if kind == "plan" else []
    return main(["--basedir", str(home.basedir), "export", kind, *extra, "--format", fmt, "-o", str(output)])


def _targets(home: AppHome) -> dict[str, Path]:
    backup = take_backup(home.db_path, home.backups_dir, "by hand")
    wal = home.db_path.with_name(home.db_path.name + "-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 28)  # as a live WAL starts
    link = home.basedir / "link-to-db.xlsx"
    link.symlink_to(home.db_path)
    return {"database": home.db_path, "wal": wal, "backup": backup, "symlink to the database": link}


@pytest.mark.parametrize("kind", ["actions", "plan"])
@pytest.mark.parametrize("target", ["database", "wal", "backup", "symlink to the database"])
def test_an_export_never_overwrites_the_database_its_wal_or_a_backup(
    ready_home: AppHome, capsys: pytest.CaptureFixture[str], target: str, kind: str
) -> None:
    path = _targets(ready_home)[target]
    before = path.read_bytes()
    assert _export(ready_home, path, kind) == 1
    err = capsys.readouterr().err
    assert "Will not write" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_an_export_to_a_device_or_a_folder_is_refused(ready_home: AppHome, capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(ready_home, "/dev/full") == 1
    assert "not an ordinary file" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # still the device, not a regular file
    assert _export(ready_home, ready_home.basedir) == 1
    assert "folder" in capsys.readouterr().err
    link = ready_home.basedir / "full.xlsx"
    link.symlink_to("/dev/full")
    assert _export(ready_home, link) == 1
    assert "not an ordinary file" in capsys.readouterr().err
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_folder_given_as_the_database_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "not-a-file.sqlite"
    folder.mkdir()
    assert main(["--db", str(folder), "--basedir", str(tmp_path / "home"), "backup"]) == 1
    err = capsys.readouterr().err
    assert "folder" in err and "Traceback" not in err


def test_an_output_name_that_is_too_long_is_a_message(ready_home: AppHome, capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(ready_home, ready_home.basedir / ("x" * 300 + ".xlsx")) == 1
    err = capsys.readouterr().err
    assert "too long" in err and "Traceback" not in err


def test_a_full_disk_while_writing_an_export_is_a_message_and_leaves_nothing(
    ready_home: AppHome, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from boardapp.exporting.backends import output

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(output.os, "fsync", full)
    assert _export(ready_home, out / "actions.xlsx") == 1
    err = capsys.readouterr().err
    assert "disk is full" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_the_exporters_own_atomic_write_refuses_any_sqlite_file(tmp_path: Path) -> None:
    """The GUI calls the exporters without the CLI's check: write_atomically still recognises a database."""
    from boardapp.exporting.backends.output import write_atomically
    from boardapp.exporting.errors import OutputNotWritable

    foreign = tmp_path / "someone-elses.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    before = foreign.read_bytes()
    def write(temporary: Path) -> None:
        temporary.write_bytes(b"spreadsheet")

    with pytest.raises(OutputNotWritable, match="database file"):
        write_atomically(foreign, write)
    assert foreign.read_bytes() == before


def test_the_guard_protects_the_backups_folder_without_being_told(ready_home: AppHome) -> None:
    take_backup(ready_home.db_path, ready_home.backups_dir, "by hand")
    with pytest.raises(UnsafeOutput, match="backups folder"):
        check_output_path(ready_home.backups_dir / "new-report.pdf")
    with pytest.raises(UnsafeOutput):
        check_output_path(ready_home.db_path.with_name("boardapp.sqlite-shm"), protected=protected_paths(
            ready_home.db_path, ready_home.backups_dir))
    with pytest.raises(UnsafeOutput, match="working file"):  # not there yet, but SQLite would read it as the WAL
        check_output_path(ready_home.db_path.with_name("boardapp.sqlite-wal"))
    check_output_path(ready_home.basedir / "report.pdf")  # an ordinary new file is fine


# -- boardapp check -------------------------------------------------------------------------------------------


def _check(home: AppHome, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--basedir", str(home.basedir), "check"])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_check_names_a_boardapp_file_that_lost_its_version_table(
    ready_home: AppHome, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(ready_home.db_path) as connection:
        connection.execute("DROP TABLE alembic_version")
    connection.close()
    status, said = _check(ready_home, capsys)
    assert status == 1
    assert "version record is missing" in said and "no BoardApp database yet" not in said


def test_check_refuses_another_programs_empty_database(home: AppHome, capsys: pytest.CaptureFixture[str]) -> None:
    home.ensure()
    connection = sqlite3.connect(home.db_path)
    connection.execute("PRAGMA application_id = 1234")
    connection.close()
    before = home.db_path.read_bytes()
    status, said = _check(home, capsys)
    assert status == 1 and "another program" in said
    assert home.db_path.read_bytes() == before


def test_check_recognises_an_interrupted_first_run(home: AppHome, capsys: pytest.CaptureFixture[str]) -> None:
    home.ensure()
    engine = make_engine(home.db_path, foreign_keys=False)
    first = next(rev for rev, down in migrations.revision_chain().items() if down is None)
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), first)
        connection.exec_driver_sql("DELETE FROM alembic_version")
    engine.dispose()
    status, said = _check(home, capsys)
    assert status == 0 and "interrupted" in said


# -- the CLI on a locked or read-only file: a message and exit 1, never a traceback --------------------------


def test_the_cli_on_a_locked_file_says_so(
    ready_home: AppHome, capsys: pytest.CaptureFixture[str], holder_of_lock: Callable[[Path], None]
) -> None:
    before = rows(ready_home.db_path)
    holder_of_lock(ready_home.db_path)
    assert main(["--basedir", str(ready_home.basedir), "demo"]) == 1
    err = capsys.readouterr().err
    assert "another program" in err and "Traceback" not in err and "INSERT" not in err
    assert rows(ready_home.db_path) == before


def test_the_cli_on_a_read_only_file_says_so(shared_dir: Path) -> None:
    home = AppHome.from_options(basedir=shared_dir / "home")
    open_store(home).close()
    home.db_path.chmod(0o644)
    before = home.db_path.read_bytes()

    def work() -> tuple[int, str]:
        import contextlib
        import io

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = main(["--basedir", str(home.basedir), "demo"])
        return status, err.getvalue()

    status, err = as_nobody(work)
    assert status == 1 and "read-only" in err and "Traceback" not in err
    assert home.db_path.read_bytes() == before


def test_store_backup_is_the_one_call_an_importer_makes(ready_home: AppHome) -> None:
    store = open_store(ready_home)
    try:
        taken = store.backup("before import")
    finally:
        store.close()
    assert taken is not None and taken.exists()
    assert "before import" in [b.reason for b in list_backups(ready_home.db_path, ready_home.backups_dir)]
