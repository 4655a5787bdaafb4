"""Issue 15: a board's Word exports (minutes, agenda, decision notice) take the styles of the
board's house template; the CLI's --template still wins; a template gone missing or unreadable
stops the export with a message naming it and writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from sqlmodel import Session, select

from boardapp.core.models import AgendaItem, Decision
from boardapp.exporting import export_agenda, export_minutes, find_meeting
from boardapp.exporting.backends.docx_backend import TemplateUnusable
from boardapp.exporting.backends.word_styles import ITEM_HEADING, BoardTemplateMissing, template_for
from boardapp.exporting.decision_notice.export import export_decision_notice
from boardapp.services import boards
from boardapp.store.database import Store
from tests.helpers.exporting_seed import BOARD_NAME
from tests.helpers.word_templates import HOUSE_FONT, make_house_template, styles_xml

AUGUST = dt.date(2017, 8, 1)


@pytest.fixture
def house(store: Store, seed_ids: object, tmp_path: Path) -> Path:
    """The seed board set to use a house template."""
    path = make_house_template(tmp_path / "house.docx")
    with store.transaction() as session:
        board_id = boards.find_board_id(session, BOARD_NAME)
        boards.update_board(session, board_id, word_template=str(path))
    return path


@pytest.fixture
def august(store: Store, seed_ids: object) -> Iterator[tuple[Session, int]]:
    with store.session() as session:
        yield session, find_meeting(session, BOARD_NAME, AUGUST)


def test_template_for_prefers_the_override_then_the_board_setting(tmp_path: Path) -> None:
    house = make_house_template(tmp_path / "house.docx")
    other = tmp_path / "other.docx"
    assert template_for("") is None  # BoardApp's own
    assert template_for(str(house)) == house
    assert template_for(str(house), other) == other
    assert template_for("", other) == other
    with pytest.raises(BoardTemplateMissing, match=r"board's Word house template .*gone\.docx is missing"):
        template_for(str(tmp_path / "gone.docx"))


def test_minutes_and_agenda_take_the_boards_house_styles(
    house: Path, august: tuple[Session, int], tmp_path: Path
) -> None:
    minutes = export_minutes(*august, tmp_path / "m.docx", "docx", public=False)
    agenda = export_agenda(*august, tmp_path / "a.docx", "docx", public=True)
    for result in (minutes, agenda):
        assert f'w:ascii="{HOUSE_FONT}"' in styles_xml(result.path)  # the house font, defined in styles.xml
        word = docx.Document(str(result.path))
        assert word.styles[ITEM_HEADING].font.name == HOUSE_FONT
        assert word.styles["Normal"].font.name == HOUSE_FONT
        assert "Sample text the clerk left" not in "\n".join(p.text for p in word.paragraphs)
        assert not [w for w in result.warnings if "Word template" in w]  # it has every BoardApp style
    headings = [p.text for p in docx.Document(str(minutes.path)).paragraphs if p.style.name == ITEM_HEADING]
    assert headings[0] == "1. Welcome and Introductions"


def test_without_a_board_template_the_export_uses_boardapps_own(august: tuple[Session, int], tmp_path: Path) -> None:
    result = export_minutes(*august, tmp_path / "m.docx", "docx", public=False)
    assert HOUSE_FONT not in styles_xml(result.path)


def test_the_given_template_wins_over_the_boards(house: Path, august: tuple[Session, int], tmp_path: Path) -> None:
    given = make_house_template(tmp_path / "given.docx", font="Garamond")
    result = export_minutes(*august, tmp_path / "m.docx", "docx", public=False, template=given)
    assert docx.Document(str(result.path)).styles[ITEM_HEADING].font.name == "Garamond"


def test_pdf_and_html_exports_do_not_need_the_template(
    house: Path, august: tuple[Session, int], tmp_path: Path
) -> None:
    house.unlink()  # a missing Word template has nothing to do with a PDF
    assert export_minutes(*august, tmp_path / "m.pdf", "pdf", public=False).path.is_file()
    assert export_minutes(*august, tmp_path / "m.html", "html", public=False).path.is_file()


def test_a_board_template_gone_missing_stops_the_export_and_names_it(
    house: Path, august: tuple[Session, int], tmp_path: Path
) -> None:
    house.unlink()
    target = tmp_path / "out" / "m.docx"
    target.parent.mkdir()
    target.write_bytes(b"last week's minutes")
    with pytest.raises(BoardTemplateMissing) as refused:
        export_minutes(*august, target, "docx", public=False)
    assert str(house) in str(refused.value) and "Board settings" in str(refused.value)
    assert target.read_bytes() == b"last week's minutes"
    assert [p.name for p in target.parent.iterdir()] == ["m.docx"]  # no half-written file


def test_a_board_template_that_became_unreadable_writes_nothing(
    house: Path, august: tuple[Session, int], tmp_path: Path
) -> None:
    house.write_bytes(b"overwritten with something that is not Word")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(TemplateUnusable, match="could not be read as a Word document") as refused:
        export_agenda(*august, out / "a.docx", "docx", public=False)
    assert str(house) in str(refused.value)
    assert list(out.iterdir()) == []


def test_the_decision_notice_takes_the_boards_house_styles(store: Store, house: Path, tmp_path: Path) -> None:
    with store.transaction() as session:
        meeting_id = find_meeting(session, BOARD_NAME, AUGUST)
        item = session.exec(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.title == "12 Week Improvement Plan"
            )
        ).one()
        decision = session.exec(select(Decision).where(Decision.agenda_item_id == item.id)).one()
        decision.needs_record, decision.reasons = True, "The plan answers the monitoring visit."
        session.add(decision)
        decision_id = decision.id or 0
    with store.session() as session:
        result = export_decision_notice(session, decision_id, tmp_path / "notice.docx", "docx")
        assert docx.Document(str(result.path)).styles[ITEM_HEADING].font.name == HOUSE_FONT
        house.unlink()
        with pytest.raises(BoardTemplateMissing, match=r"house\.docx is missing"):
            export_decision_notice(session, decision_id, tmp_path / "again.docx", "docx")
    assert not (tmp_path / "again.docx").exists()
