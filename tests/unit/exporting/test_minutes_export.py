"""The 1 August 2017 minutes (seed 003) exported to Word and PDF and read back: every person with
their organisation, the 8 items in order, the resolutions and every action with its owners.

Each test runs on two databases: the seed board built by this folder's own builder, and the
app's demo data (`load_demo`, through the shared `demo_store` fixture).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlmodel import Session

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import Meeting
from boardapp.exporting import build_minutes, export_minutes, find_meeting
from boardapp.store.database import Store
from tests.helpers.exporting_readback import attendance_rows, flat, in_order, read_back
from tests.helpers.exporting_seed import BOARD_NAME

AUGUST = dt.date(2017, 8, 1)

# Copied from seed 003 (the council's minutes of 1 August 2017).
PRESENT = [
    ("Geoff Driver", "Lancashire County Council"),
    ("Susie Charles", "Lancashire County Council"),
    ("Alison Aylott", "Primary Schools"),
    ("Jane Booth", "Lancashire Safeguarding Children's Board"),
    ("Richard Cooke", "Lancashire County Council"),
    ("Paul Wilcox", "Voluntary Community Faith Sector"),
    ("Louise Storey", "Lancashire County Council"),
    ("Louise Taylor", "Lancashire County Council"),
    ("Tony Crane", "Independent Chair"),
    ("Jo Turton", "Lancashire County Council"),
    ("Chris Coyle", "Lancashire County Council"),
    ("Natasha Wright", "Lancashire County Council"),
    ("Bridgett Welch", "Lancashire Care Foundation Trust"),
    ("Amanda Hatton", "Lancashire County Council"),
    ("Debbie Duffell", "Lancashire County Council"),
]
APOLOGIES = [("Stephen Cox", "Secondary Schools")]
TITLES = [
    "Welcome and Introductions",
    "Minutes and actions from the last meeting",
    "Being a Good Corporate Parent",
    "Operational Improvement Group",
    "DCS Progress and update",
    "Early Help - reducing demand for statutory services",
    "12 Week Improvement Plan",
    "Any other business",
]
RESOLUTIONS = [
    "The minutes of the meeting held on 6 June 2017 were approved as an accurate record.",
    "the Board agreed the next 12 week improvement plan.",
]
ACTIONS = [  # "CC Charles/CC Driver" in the seed: owners print under the people's names
    ("CSE intelligence input to be on the agenda for the September meeting", "Ian Whitehead"),
    ("To share some Social Worker profiles with the Board", "Chris Coyle/Amanda Hatton"),
    (
        "To ensure that the video is presented to all Elected Members as they are all corporate parents",
        "Susie Charles/Geoff Driver",
    ),
    (
        "Young people who were involved in the video to be sent a letter on behalf of the Board congratulating them "
        "on this achievement",
        "Tony Crane",
    ),
    (
        "To show the video and Natasha to contact the members to see who has used it and what effects it has had and "
        "report back to the Board at the October meeting",
        "Natasha Wright/Board Members",
    ),
    ("Report to the Board at a future meeting, statistics on re-referrals including step-downs", "Amanda Hatton"),
    ("Heat maps report on recruitment and retention for the September meeting", "Louise Storey"),
    ("Evidence is produced on the impact the Neighbourhood Schemes are having", "Ian Whitehead"),
    (
        "MASH Board needs to set targets for de-escalation, processes and monitoring on a scorecard and report back "
        "to this meeting",
        "Jane Booth",
    ),
    ("To update the improvement plan to include additional actions", "Richard Cooke"),
    ("To discuss a stronger action plan around Governance", "Debbie Duffell/Richard Cooke"),
    ("To discuss actions against their name", "Jane Booth"),
]


@pytest.fixture(params=["seed", "demo"])
def august(request: pytest.FixtureRequest) -> Iterator[tuple[Session, int]]:
    """(session, meeting id) of the 1 August 2017 meeting, in the seed or the demo database."""
    store: Store = request.getfixturevalue("store" if request.param == "seed" else "demo_store")
    if request.param == "seed":
        request.getfixturevalue("seed_ids")
    with store.session() as session:
        yield session, find_meeting(session, BOARD_NAME, AUGUST)


@pytest.fixture(params=["docx", "pdf"])
def exported(request: pytest.FixtureRequest, august: tuple[Session, int], tmp_path: Path) -> Path:
    session, meeting_id = august
    result = export_minutes(session, meeting_id, tmp_path / f"minutes.{request.param}", request.param, public=False)
    assert result.path.is_file()
    assert result.warnings == ()
    return result.path


def test_every_person_present_and_apologising_is_listed_with_their_organisation(exported: Path) -> None:
    rows = attendance_rows(exported)
    for name, organisation in PRESENT + APOLOGIES:
        matches = [row for row in rows if name in row[0] and row[1] == organisation]
        assert matches, f"{name} – {organisation} not found in {exported.name}"
    text = flat(read_back(exported))
    assert in_order(text, ["Present:", "Geoff Driver", "Debbie Duffell", "Apologies:", "Stephen Cox"])


def test_all_eight_items_in_order_with_their_numbers(exported: Path) -> None:
    text = flat(read_back(exported))
    assert in_order(text, [f"{number}. {title}" for number, title in enumerate(TITLES, start=1)])


def test_resolutions_and_every_action_with_its_owners(exported: Path) -> None:
    text = flat(read_back(exported))
    assert text.count("Resolved:") == 2
    for resolution in RESOLUTIONS:
        assert resolution in text
    for action, owners in ACTIONS:
        assert f"{action} – {owners}" in text, action
    assert "(for the September 2017 meeting)" in text
    assert "(at a future meeting)" in text


def test_heading_line_in_house_style(august: tuple[Session, int]) -> None:
    document = build_minutes(*august, public=False)
    assert document.board_name == BOARD_NAME
    assert document.heading == (
        "Minutes of the Meeting held on Tuesday, 1st August, 2017 at 2.30 pm in "
        "Committee Room 'B' (The Diamond Jubilee Room) - County Hall, Preston"
    )
    assert [item.title for item in document.items] == TITLES
    assert document.draft


def test_draft_until_approved_then_signature_line(august: tuple[Session, int], tmp_path: Path) -> None:
    session, meeting_id = august
    draft = flat(read_back(export_minutes(session, meeting_id, tmp_path / "d.pdf", "pdf", public=False).path))
    assert "DRAFT – subject to approval" in draft
    assert "Signed:" not in draft

    meeting = session.get(Meeting, meeting_id)
    assert meeting is not None
    approving = Meeting(board_id=meeting.board_id, date=dt.date(2017, 9, 13), status=MeetingStatus.HELD)
    session.add(approving)
    session.flush()
    meeting.minutes_approved_at_id = approving.id
    meeting.status = MeetingStatus.MINUTES_APPROVED
    session.flush()
    for fmt in ("docx", "pdf"):
        text = flat(read_back(export_minutes(session, meeting_id, tmp_path / f"a.{fmt}", fmt, public=False).path))
        assert "Approved as an accurate record at the meeting held on 13 September 2017." in text
        assert "Signed:" in text and "Chair" in text
        assert "DRAFT" not in text
    session.rollback()


def test_word_file_uses_real_styles_tables_and_page_numbers(august: tuple[Session, int], tmp_path: Path) -> None:
    path = export_minutes(*august, tmp_path / "m.docx", "docx", public=False).path
    word = docx.Document(str(path))
    used = {p.style.name for p in word.paragraphs}
    assert {"Board Name", "Item Heading", "Section Heading", "Minute Bullet", "Minute Bullet 2"} <= used  # issue 15
    headings = [p.text for p in word.paragraphs if p.style.name == "Item Heading"]
    assert headings == [f"{n}. {t}" for n, t in enumerate(TITLES, start=1)]
    assert any(len(t.columns) == 2 and len(t.rows) == len(PRESENT) for t in word.tables)
    footer_xml = word.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    section = word.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.left_margin.cm, 1) == 2.5
    props = word.core_properties
    assert props.title == f"{BOARD_NAME}: minutes of 1 August 2017"
    assert props.author == BOARD_NAME
    assert props.subject.startswith("Minutes of the Meeting held on Tuesday, 1st August, 2017")
    assert props.language == "en-GB"


def test_pdf_has_metadata_language_and_one_bookmark_per_item(august: tuple[Session, int], tmp_path: Path) -> None:
    path = export_minutes(*august, tmp_path / "m.pdf", "pdf", public=False).path
    reader = PdfReader(str(path))
    assert reader.metadata is not None
    assert reader.metadata.title == f"{BOARD_NAME}: minutes of 1 August 2017"
    assert reader.metadata.author == BOARD_NAME
    assert str(reader.metadata.subject).startswith("Minutes of the Meeting held on Tuesday")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    outline = [entry.title for entry in reader.outline]
    assert outline == [f"{n}. {t}" for n, t in enumerate(TITLES, start=1)]
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in flat(reader.pages[0].extract_text())
    fonts = {str(font) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts, "fonts are embedded"
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.5)
