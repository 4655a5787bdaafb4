"""The chair's review copy when the clerk's database is on PostgreSQL (issue 16 point 4).

The copy itself stays an SQLite file for the chair's laptop: `review-copy --board B -o FILE` on a
`postgresql://` database writes one, the chair proposes in it, and `import review FILE` brings the
proposals back into the server's database, once. The clerk's side is the real command line (in this
process); the chair's laptop is the service API on the copy, as in tests/end2end/test_review_cli.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import col, select

from boardapp.cli import main as cli_main
from boardapp.core.enums import ActionStatus
from boardapp.core.models import Action, ActionUpdate
from boardapp.home import AppHome
from boardapp.services.review_copy import open_review_copy, propose, seal_review_copy
from boardapp.store.database import Store, open_database, open_store
from tests.helpers.postgres import PgTemplates

pytestmark = pytest.mark.postgres

PASSPHRASE = "the chair's long passphrase"


@pytest.fixture
def clerk(pg_templates: PgTemplates, tmp_path: Path) -> Iterator[tuple[list[str], Store]]:
    """The clerk's command-line options on a server database holding the demo, and a store on it to look."""
    url = pg_templates.copy("demo")
    home = AppHome.from_options(basedir=tmp_path / "home", db=url)
    store = open_store(home)
    try:
        yield ["--basedir", str(tmp_path / "home"), "--db", url], store
    finally:
        store.close()
        pg_templates.drop(url)


def _chair_proposes(copy: Path, work: Path) -> tuple[int, int]:
    """On the chair's laptop: propose completing one open action and comment on another; returns their ids."""
    plain = open_review_copy(copy, PASSPHRASE, folder=work)
    with sqlite3.connect(plain) as con:
        first, second = (
            r[0] for r in con.execute("SELECT id FROM action WHERE status = 'OPEN' ORDER BY id LIMIT 2").fetchall()
        )
    con.close()
    store = open_database(plain, work / "chair-backups")
    try:
        with store.transaction() as session:
            propose(session, "action", first, "status", "completed", "Done, as I saw in October", made_by="Cllr Chair")
            propose(session, "action", second, "comment", "Please bring this to the next meeting")
    finally:
        store.close()
    seal_review_copy(plain, copy, PASSPHRASE)
    plain.unlink()
    return first, second


def test_a_review_copy_from_a_server_database_goes_out_as_a_file_and_comes_back_once(
    clerk: tuple[list[str], Store], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options, store = clerk
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    copy = tmp_path / "chair.boardreview"

    assert cli_main([*options, "review-copy", "--board", "IB", "-o", str(copy), "--passphrase-file", str(secret)]) == 0
    assert "Wrote the review copy" in capsys.readouterr().out
    plain = open_review_copy(copy, PASSPHRASE, folder=tmp_path)
    assert plain.read_bytes()[:16] == b"SQLite format 3\x00"  # a file for the laptop, whatever the clerk uses
    assert b"Examplename" not in plain.read_bytes()  # Part II stays out, as from a file
    with sqlite3.connect(plain) as con:
        assert con.execute("SELECT count(*) FROM board").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM action").fetchone()[0] > 2
    con.close()
    plain.unlink()

    first, second = _chair_proposes(copy, tmp_path)

    assert cli_main([*options, "import", "review", str(copy), "--passphrase-file", str(secret)]) == 0
    shown = capsys.readouterr().out
    assert "Open → Completed" in shown and "Nothing was written" in shown

    accept = ["import", "review", str(copy), "--passphrase-file", str(secret), "--accept-all", "--on", "2026-12-06"]
    assert cli_main([*options, *accept, "--by", "Cllr Chair"]) == 0
    assert "Accepted 2 of 2 proposals" in capsys.readouterr().out
    with store.session() as session:
        action = session.get(Action, first)
        assert action is not None and action.status is ActionStatus.COMPLETED
        history = session.exec(
            select(ActionUpdate.action_id, ActionUpdate.note)
            .where(ActionUpdate.author == "Cllr Chair")
            .order_by(col(ActionUpdate.action_id))
        ).all()
    assert [tuple(row) for row in history] == [
        (first, "Done, as I saw in October"),
        (second, "Comment: Please bring this to the next meeting"),
    ]

    assert cli_main([*options, *accept]) == 1  # the same review again changes nothing
    assert "already imported" in capsys.readouterr().err
    with store.session() as session:
        assert len(session.exec(select(ActionUpdate).where(ActionUpdate.author == "Cllr Chair")).all()) == 2


def test_a_copy_from_another_server_database_is_refused(
    clerk: tuple[list[str], Store], pg_templates: PgTemplates, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options, _store = clerk
    copy = tmp_path / "chair.boardreview"
    assert cli_main([*options, "review-copy", "--board", "IB", "-o", str(copy)]) == 0
    other = pg_templates.copy("demo")  # the same demo, but another database: its own identity
    try:
        other_options = ["--basedir", str(tmp_path / "other"), "--db", other]
        assert cli_main([*other_options, "import", "review", str(copy), "--accept-all"]) == 1
        assert "made from another BoardApp database" in capsys.readouterr().err
    finally:
        pg_templates.drop(other)
