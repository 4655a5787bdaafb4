"""Issue 15: the Word house template is a board setting, checked when it is chosen."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardapp.exporting.backends.word_styles import STYLES
from boardapp.services import boards
from boardapp.services.errors import InvalidChange
from boardapp.store.database import Store
from tests.helpers.word_templates import make_house_template


@pytest.fixture
def board_id(store: Store) -> int:
    with store.transaction() as session:
        created, _ = boards.create_board(session, "Audit Committee")
    return created


def template_of(store: Store, board_id: int) -> str:
    with store.session() as session:
        return boards.board_settings(session, board_id).word_template


def test_a_new_board_uses_boardapps_own_template(store: Store, board_id: int) -> None:
    assert template_of(store, board_id) == ""


def test_the_house_template_is_stored_as_an_absolute_path_and_can_be_reset(
    store: Store, board_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_house_template(tmp_path / "house.docx")
    monkeypatch.chdir(tmp_path)
    with store.transaction() as session:
        changes = boards.update_board(session, board_id, word_template="house.docx")
    assert changes.boards == frozenset({board_id})
    assert template_of(store, board_id) == str(tmp_path / "house.docx")
    with store.transaction() as session:
        boards.update_board(session, board_id, word_template="  ")
    assert template_of(store, board_id) == ""


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.docx", None, "does not exist"),
        ("house.dotx", b"PK", "choose a Word document \\(.docx\\)"),
        ("not-a-zip.docx", b"plain notes, not Word", "could not be read as a Word document"),
        ("folder.docx", "dir", "does not exist \\(or is not a file\\)"),
    ],
)
def test_an_unusable_template_is_refused_naming_the_file_and_nothing_changes(
    store: Store, board_id: int, tmp_path: Path, name: str, content: bytes | str | None, expected: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with store.transaction() as session:
        boards.update_board(session, board_id, word_template=str(make_house_template(tmp_path / "good.docx")))
    with store.transaction() as session, pytest.raises(InvalidChange, match=expected) as refused:
        boards.update_board(session, board_id, word_template=str(path))
    assert str(path) in str(refused.value)
    assert template_of(store, board_id) == str(tmp_path / "good.docx")


def test_the_check_names_the_boardapp_styles_a_template_lacks(tmp_path: Path) -> None:
    complete = boards.check_word_template(make_house_template(tmp_path / "complete.docx"))
    assert complete.missing_styles == ()
    assert complete.summary == "The Word template complete.docx has every style BoardApp uses."
    partial = boards.check_word_template(
        make_house_template(tmp_path / "partial.docx", drop=("Resolved Label", "Action Owner"))
    )
    assert partial.missing_styles == ("Action Owner", "Resolved Label")
    assert "no style named “Action Owner”, “Resolved Label”" in partial.summary
    assert "BoardApp's own is added for them when a document is exported" in partial.summary


def test_a_plain_word_document_lacks_every_boardapp_style(tmp_path: Path) -> None:
    import docx

    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    check = boards.check_word_template(plain)
    assert set(check.missing_styles) == {spec.name for spec in STYLES}


def test_the_services_list_of_styles_is_the_exporters() -> None:
    """The service reads the style names from the shipped template (it may not import exporting)."""
    assert boards._boardapp_style_names() == {spec.name for spec in STYLES}
