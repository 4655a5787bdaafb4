"""Issue 15 point 5: the action log's Word copy is built on a Word template, like the minutes. One
board's log takes that board's house template (a board setting), the log of all boards BoardApp's
own, --template wins; a house template lacking Word's own styles (Title, Subtitle, Table Grid …)
still works; a board template gone missing stops the export by name and writes nothing; and the
text is the same whichever template dresses it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from sqlmodel import Session

from boardapp.exporting.action_log.export import ActionLogDocument, build_action_log, export_action_log
from boardapp.exporting.backends import word_styles as ws
from boardapp.exporting.backends.word_styles import BoardTemplateMissing, board_template
from boardapp.services import boards
from boardapp.services.action_log import ActionLogQuery, action_log_rows, board_label, describe_query
from boardapp.store.database import Store
from tests.helpers.exporting_readback import docx_text
from tests.helpers.word_templates import HOUSE_FONT, make_house_template, styles_xml

AS_AT = dt.date(2017, 10, 20)  # after the 12 September meeting: two actions due at it are late
BOARD = "ib"
WORD_OWN = ("Title", "Subtitle", "Heading 1", "Header", "Footer", "Table Grid")


def log_of(session: Session, board_id: int | None) -> ActionLogDocument:
    query = ActionLogQuery(board_id=board_id)
    rows = action_log_rows(session, query, today=AS_AT)
    return build_action_log(rows, board_name=board_label(session, board_id),
                            scope=describe_query(session, query, today=AS_AT), today=AS_AT)  # fmt: skip


def set_board_template(store: Store, path: Path) -> int:
    with store.transaction() as session:
        board_id = boards.find_board_id(session, BOARD)
        boards.update_board(session, board_id, word_template=str(path))
    return board_id


def minimal_template(path: Path) -> Path:
    """A house template as Word saves one: only the styles it uses (here Normal, in the house font)."""
    word = docx.Document()
    for style in list(word.styles):
        if style.name != "Normal":
            style.element.getparent().remove(style.element)
    word.styles["Normal"].font.name = HOUSE_FONT
    word.save(str(path))
    return path


def test_one_boards_log_takes_the_boards_house_styles(demo_store: Store, tmp_path: Path) -> None:
    board_id = set_board_template(demo_store, make_house_template(tmp_path / "house.docx"))
    with demo_store.session() as session:
        template = board_template(session, board_id)
        document = log_of(session, board_id)
    assert template == tmp_path / "house.docx"
    result = export_action_log(document, tmp_path / "log.docx", "docx", template=template)
    assert f'w:ascii="{HOUSE_FONT}"' in styles_xml(result.path)  # the house font, defined in styles.xml
    word = docx.Document(str(result.path))
    assert word.styles["Normal"].font.name == HOUSE_FONT
    assert "Sample text the clerk left" not in docx_text(result.path)
    assert not [w for w in result.warnings if "Word template" in w]  # it has every style the log uses
    section = word.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height  # the log's own page: landscape


def test_every_text_of_the_log_is_in_a_named_style(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        document = log_of(session, None)
    assert document.overdue == 2 and any(len(entry.owners) > 1 for entry in document.entries)
    word = docx.Document(str(export_action_log(document, tmp_path / "log.docx", "docx").path))
    body = [p for p in word.paragraphs if p.text]
    assert [p.style.name for p in body[:3]] == ["Title", "Subtitle", "Normal"]
    owners = [p.text for p in body if p.style.name == "Heading 1"]
    assert owners[0] == "Amanda Hatton" and len(owners) == len(document.sections())
    assert {p.style.name for p in body[3:]} == {"Heading 1", ws.LOG_NOTE}
    cells = [p for table in word.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    assert {p.style.name for p in cells} == {ws.TABLE_HEADING, ws.TABLE_TEXT, ws.TABLE_NOTE}
    assert {table.style.name for table in word.tables} == {"Table Grid"}
    runs = [run for p in body + cells for run in p.runs]
    assert all(run.font.size is None and run.font.color.rgb is None for run in runs)  # no direct formatting
    overdue = [run.text for run in runs if run.style.name == ws.OVERDUE]
    assert "OVERDUE" in overdue and "1 overdue" in overdue  # in the status cell, and under the owner's name


def test_all_boards_log_uses_boardapps_own_template(demo_store: Store, tmp_path: Path) -> None:
    set_board_template(demo_store, make_house_template(tmp_path / "house.docx"))
    with demo_store.session() as session:
        assert board_template(session, None) is None  # BoardApp's own, whatever a board's setting
        document = log_of(session, None)
    result = export_action_log(document, tmp_path / "log.docx", "docx", template=None)
    assert HOUSE_FONT not in styles_xml(result.path)


def test_the_given_template_wins(demo_store: Store, tmp_path: Path) -> None:
    board_id = set_board_template(demo_store, make_house_template(tmp_path / "house.docx"))
    given = make_house_template(tmp_path / "given.docx", font="Garamond")
    with demo_store.session() as session:
        assert board_template(session, board_id, given) == given
        assert board_template(session, None, given) == given  # all boards, but asked for
        document = log_of(session, board_id)
    result = export_action_log(document, tmp_path / "log.docx", "docx", template=given)
    assert docx.Document(str(result.path)).styles["Normal"].font.name == "Garamond"


def test_a_missing_board_template_is_refused_by_name(demo_store: Store, tmp_path: Path) -> None:
    house = set_board_template(demo_store, make_house_template(tmp_path / "house.docx"))
    (tmp_path / "house.docx").unlink()  # moved away since the clerk chose it
    with demo_store.session() as session, pytest.raises(BoardTemplateMissing) as refused:
        board_template(session, house)
    assert f"{tmp_path / 'house.docx'} is missing" in str(refused.value)
    assert "nothing was written" in str(refused.value)


def test_a_minimal_house_template_gets_the_styles_it_lacks(demo_store: Store, tmp_path: Path) -> None:
    template = minimal_template(tmp_path / "minimal.docx")
    assert not set(WORD_OWN) & {style.name for style in docx.Document(str(template)).styles}
    with demo_store.session() as session:
        document = log_of(session, None)
    result = export_action_log(document, tmp_path / "log.docx", "docx", template=template)
    word = docx.Document(str(result.path))
    have = {style.name for style in word.styles}
    assert set(WORD_OWN) <= have and {ws.TABLE_TEXT, ws.LOG_NOTE, ws.TABLE_NOTE} <= have
    assert word.styles["Normal"].font.name == HOUSE_FONT  # the house's own style kept as it is
    warnings = [w for w in result.warnings if "Word template" in w]
    assert len(warnings) == 1 and warnings[0].startswith("The Word template minimal.docx has no style named ")
    assert "'Subtitle'" in warnings[0] and "'Table Grid'" in warnings[0] and "'Table Text'" in warnings[0]
    assert "'Board Name'" not in warnings[0]  # a minutes style: the log does not use it
    grid = word.styles["Table Grid"].element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert grid is not None and len(grid) == 6  # a real grid: the log's rows stay readable
    headings = [p for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings and ws.outline_level(word, "Heading 1") == 1  # Word's navigation pane lists the owners


def test_the_text_is_the_same_whichever_template(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        board_id = boards.find_board_id(session, BOARD)
        documents = [log_of(session, board_id), log_of(session, None)]
    house = make_house_template(tmp_path / "house.docx")
    minimal = minimal_template(tmp_path / "minimal.docx")
    for number, document in enumerate(documents):
        texts = {
            docx_text(export_action_log(document, tmp_path / f"{number}-{name}.docx", "docx", template=path).path)
            for name, path in (("own", None), ("house", house), ("minimal", minimal))
        }
        assert len(texts) == 1
        assert "Page 1 of" in texts.pop()
