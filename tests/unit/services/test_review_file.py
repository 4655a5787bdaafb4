"""A review copy is recognised by its content, whatever its name (issue 16 point 4)."""

from __future__ import annotations

from pathlib import Path

from boardapp.cli import _wants_gui
from boardapp.services import review_copy
from boardapp.services.review_copy import make_review_copy
from boardapp.services.review_file import ENCRYPTED_MAGIC, is_review_copy_file, is_sealed_file
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def test_plain_and_sealed_copies_are_recognised_by_content_not_by_name(
    store: Store, sample: Sample, tmp_path: Path
) -> None:
    plain, sealed = tmp_path / "review.sqlite", tmp_path / "for the chair"
    with store.transaction() as session:
        make_review_copy(session, sample.board_id, plain, include_part2=False, passphrase=None)
        make_review_copy(session, sample.board_id, sealed, include_part2=False, passphrase="a long passphrase")
    assert is_review_copy_file(plain) and not is_sealed_file(plain)
    assert is_review_copy_file(sealed) and is_sealed_file(sealed)


def test_the_clerk_s_database_and_other_files_are_not_review_copies(store: Store, tmp_path: Path) -> None:
    notes = tmp_path / "notes.boardreview"
    notes.write_text("Minutes of the meeting\n" * 10, encoding="utf-8")
    assert not is_review_copy_file(store.path)  # it has the reviewcopyinfo table, but empty
    assert not is_review_copy_file(notes)
    assert not is_review_copy_file(tmp_path / "missing.boardreview")


def test_the_light_check_knows_the_sealed_header_of_the_service() -> None:
    assert ENCRYPTED_MAGIC == review_copy.ENCRYPTED_MAGIC


def test_a_file_named_alone_on_the_command_line_opens_in_the_app(tmp_path: Path) -> None:
    copy = tmp_path / "review.boardreview"
    copy.write_bytes(b"x")
    options = _wants_gui([str(copy)])  # what a double-click on the file runs
    assert options is not None and Path(options.db) == copy
    assert _wants_gui(["search", "x"]) is None  # a command is still a command
    assert _wants_gui([str(tmp_path / "missing.sqlite")]) is None  # argparse then says what is wrong
