"""`boardapp review-copy` and `boardapp import review`: the chair's offline review, end to end (issue 16.4).

The chair's laptop is stood in for by the service API in this process (open the copy, propose, seal it
again); the clerk's side is the real command as a subprocess.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from boardapp.services.review_copy import open_review_copy, propose, seal_review_copy
from boardapp.store.database import open_database
from tests.helpers.e2e import AppRunner, describe

PASSPHRASE = "the chair's long passphrase"


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


def test_a_review_copy_goes_out_and_comes_back_once(demo_cli: AppRunner, tmp_path: Path) -> None:
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    copy = tmp_path / "chair.boardreview"
    made = demo_cli("review-copy", "--board", "IB", "-o", str(copy), "--passphrase-file", str(secret), "--by", "Clerk")
    assert made.returncode == 0, describe(made)
    assert "without Part II" in made.stdout and "protected by a passphrase" in made.stdout
    assert b"Examplename" not in open_review_copy(copy, PASSPHRASE, folder=tmp_path).read_bytes()

    first, second = _chair_proposes(copy, tmp_path)

    shown = demo_cli("import", "review", str(copy), "--passphrase-file", str(secret))
    assert shown.returncode == 0, describe(shown)
    assert "Open → Completed" in shown.stdout and "Done, as I saw in October" in shown.stdout
    assert "Nothing was written" in shown.stdout

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    refused = demo_cli("import", "review", str(copy), "--passphrase-file", str(wrong), "--accept-all")
    assert refused.returncode == 1 and "passphrase is not the one" in refused.stderr, describe(refused)

    accepted = demo_cli(
        "import", "review", str(copy), "--passphrase-file", str(secret), "--accept-all",
        "--by", "Cllr Chair", "--on", "2026-12-06",
    )  # fmt: skip
    assert accepted.returncode == 0, describe(accepted)
    assert "Accepted 2 of 2 proposals" in accepted.stdout
    with sqlite3.connect(demo_cli.db_path) as con:
        assert con.execute("SELECT status FROM action WHERE id = ?", (first,)).fetchone() == ("COMPLETED",)
        history = con.execute(
            "SELECT action_id, note FROM actionupdate WHERE author = 'Cllr Chair' ORDER BY action_id"
        ).fetchall()
    con.close()
    assert history == [(first, "Done, as I saw in October"), (second, "Comment: Please bring this to the next meeting")]

    again = demo_cli(
        "import", "review", str(copy), "--passphrase-file", str(secret), "--accept-all", "--on", "2026-12-06"
    )
    assert again.returncode == 1 and "already imported" in again.stderr, describe(again)
    with sqlite3.connect(demo_cli.db_path) as con:
        assert con.execute("SELECT count(*) FROM actionupdate WHERE author = 'Cllr Chair'").fetchone() == (2,)
    con.close()


def test_a_copy_from_another_database_is_refused(demo_cli: AppRunner, tmp_path: Path) -> None:
    copy = tmp_path / "chair.boardreview"
    made = demo_cli("review-copy", "--board", "IB", "-o", str(copy), "--include-part-ii")
    assert made.returncode == 0 and "including Part II" in made.stdout, describe(made)
    assert b"Examplename" in copy.read_bytes()
    other = demo_cli("--basedir", str(tmp_path / "other"), "demo", basedir=False)
    assert other.returncode == 0, describe(other)
    refused = demo_cli("--basedir", str(tmp_path / "other"), "import", "review", str(copy), basedir=False)
    assert refused.returncode == 1 and "another BoardApp database" in refused.stderr, describe(refused)


def test_review_copy_of_an_unknown_board_lists_the_boards(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    result = boardapp_cli("review-copy", "--board", "Nope", "-o", str(tmp_path / "x.boardreview"))
    assert result.returncode == 2 and "there are no boards yet" in result.stderr, describe(result)
    assert not (tmp_path / "x.boardreview").exists()


def test_accept_all_leaves_what_the_clerk_changed_since(demo_cli: AppRunner, tmp_path: Path) -> None:
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    copy = tmp_path / "chair.boardreview"
    made = demo_cli("review-copy", "--board", "IB", "-o", str(copy), "--passphrase-file", str(secret))
    assert made.returncode == 0, describe(made)
    first, _second = _chair_proposes(copy, tmp_path)
    with sqlite3.connect(demo_cli.db_path) as con:  # the clerk edits the first action meanwhile
        con.execute("UPDATE action SET updated_at = '2030-01-01 00:00:00.000000' WHERE id = ?", (first,))
    con.close()
    result = demo_cli("import", "review", str(copy), "--passphrase-file", str(secret), "--accept-all")
    assert result.returncode == 0, describe(result)
    assert "CONFLICT: Changed in this database since the copy was made." in result.stdout
    assert "Accepted 1 of 2 proposals" in result.stdout and "1 rejected" in result.stdout
    with sqlite3.connect(demo_cli.db_path) as con:
        assert con.execute("SELECT status FROM action WHERE id = ?", (first,)).fetchone() == ("OPEN",)
    con.close()
