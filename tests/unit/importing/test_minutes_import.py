"""Reading past minutes (importing/minutes.py): every fact of the three fixture documents, and bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from boardapp.core.enums import AttendanceKind
from boardapp.importing.minutes import MinutesDocument, read_minutes
from boardapp.importing.problems import ImportFileError
from tests.fixtures.minutes import build
from tests.fixtures.minutes.build import MinutesSpec


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("minutes")
    return {
        "august": build.august_docx(folder / "2017-08-01 Improvement Board.docx"),
        "september": build.september_docx(folder / "2017-09-12 Improvement Board.docx"),
        "october": build.october_pdf(folder / "2017-10-10 Improvement Board.pdf"),
    }


SPECS = {"august": build.august, "september": build.september, "october": build.october}


def assert_reads_as(document: MinutesDocument, spec: MinutesSpec) -> None:
    assert document.problems == []
    assert document.board_name == spec.board
    assert document.date == spec.date
    assert document.start_time == spec.start_time
    assert document.venue == spec.venue
    assert [(a.name, a.organisation, a.kind) for a in document.attendees] == [
        (a.written, a.organisation, AttendanceKind(a.kind)) for a in spec.attendees
    ]
    assert [i.title for i in document.items] == [i.title for i in spec.items]
    assert [i.number for i in document.items] == list(range(1, len(spec.items) + 1))
    for read, expected in zip(document.items, spec.items, strict=True):
        assert read.presenters == list(expected.presenters), expected.title
        assert read.notes == expected.all_notes, expected.title
        assert read.decisions == list(expected.decisions), expected.title
        assert [a.line for a in read.actions] == [a.line for a in expected.actions], expected.title
        for action, wanted in zip(read.actions, expected.actions, strict=True):
            assert action.text == wanted.text
            assert [o.text for o in action.owners] == list(wanted.owners)
            assert (action.due.kind.value if action.due else "none") == wanted.due_kind, wanted.text
            if wanted.due_phrase:  # the rule keeps the phrase's core ("at the October meeting")
                assert action.due is not None and action.due.phrase in wanted.due_phrase


@pytest.mark.parametrize("name", ["august", "september", "october"])
def test_every_fact_of_each_document_is_read(files: dict[str, Path], name: str) -> None:
    assert_reads_as(read_minutes(files[name]), SPECS[name]())


@pytest.mark.parametrize("name", ["september", "october"])
def test_a_pdf_printed_with_tables_reads_the_same(tmp_path: Path, name: str) -> None:
    """Attendance and item numbers as table rows on the page: the columns are told apart by the gap between them."""
    spec = SPECS[name]()
    assert_reads_as(read_minutes(build.write_pdf(spec, tmp_path / f"{name}.pdf", tables=True)), spec)


def test_the_seed_text_pasted_into_word_reads_as_the_seed(tmp_path: Path) -> None:
    """Seed 003 line by line (tabs, <AI> markers, "·" bullets, organisation on the line under each name)."""
    document = read_minutes(build.seed_text_docx(tmp_path / "003.docx"))
    spec = build.august()
    assert document.problems == []
    assert (document.board_name, document.date, document.start_time, document.venue) == (
        spec.board,
        spec.date,
        spec.start_time,
        spec.venue,
    )
    assert [(a.name, a.organisation, a.kind.value) for a in document.attendees] == [
        (a.written, a.organisation, a.kind) for a in spec.attendees
    ]
    assert [i.title for i in document.items] == [i.title for i in spec.items]
    for read, expected in zip(document.items, spec.items, strict=True):
        assert read.presenters == list(expected.presenters)
        assert read.notes == expected.all_notes.replace("\n  - ", "\n- "), expected.title  # 003 has no nesting
        assert read.decisions == list(expected.decisions)
        assert [(a.text, [o.text for o in a.owners], a.due.kind.value if a.due else "none") for a in read.actions] == [
            (a.text, list(a.owners), a.due_kind) for a in expected.actions
        ]


def test_the_seed_minutes_keep_their_shape(files: dict[str, Path]) -> None:
    """Spot checks on 1 August 2017 that the spec comparison would also catch, written out for a reader."""
    document = read_minutes(files["august"])
    assert len(document.attendees) == 16 and document.attendees[0].name == "County Councillor Geoff Driver CBE"
    assert [a.name for a in document.attendees if a.kind is AttendanceKind.APOLOGIES] == ["Stephen Cox"]
    item7 = document.items[6]
    assert item7.presenters == ["Louise Storey", "Sally Allen", "Simon Fisher"]
    assert item7.decisions == ["that the Board agreed the next 12 week improvement plan."]
    assert "\n\nMulti-Agency Safeguarding Hub (MASH) Redesign – Simon Fisher\n\n" in item7.notes
    assert "  - Risk Sensible" in item7.notes.splitlines()
    video = document.items[2].actions[0]
    assert [o.text for o in video.owners] == ["CC Charles", "CC Driver"]
    heat_maps = document.items[4].actions[1]
    assert heat_maps.due is not None and heat_maps.due.month == 9
    assert sum(len(i.actions) for i in document.items) == 12


def test_pdf_dates_and_roles(files: dict[str, Path]) -> None:
    document = read_minutes(files["october"])
    publish, report = document.items[2].actions
    assert publish.due is not None and publish.due.date == dt.date(2017, 10, 31)
    assert [(o.text, o.is_role) for o in report.owners] == [("Sally Allen", False), ("Heads of Service", True)]
    assert document.attendees[4].name == "Edwina Grant OBE"


def test_a_random_word_document_is_refused_with_reasons(tmp_path: Path) -> None:
    document = read_minutes(build.random_docx(tmp_path / "letter.docx"))
    messages = [p.message for p in document.errors]
    assert any("no meeting date found" in m for m in messages)
    assert any("no numbered items" in m for m in messages)


def test_an_item_with_no_title_is_an_error_naming_the_row(tmp_path: Path) -> None:
    document = read_minutes(build.untitled_item_docx(tmp_path / "untitled.docx"))
    assert [(p.where, p.message) for p in document.errors] == [("table 6 row 1", "item 4 has no title.")]


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="password-protected"):
        read_minutes(build.encrypted_pdf(tmp_path / "locked.pdf"))


def test_a_scanned_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="probably a scan"):
        read_minutes(build.scanned_pdf(tmp_path / "scan.pdf"))


def test_files_that_are_not_minutes_at_all(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"this is not a zip")
    with pytest.raises(ImportFileError, match=r"fake\.docx"):
        read_minutes(fake)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(ImportFileError, match=r"broken\.pdf"):
        read_minutes(broken)
    with pytest.raises(ImportFileError, match="not a Word"):
        read_minutes(tmp_path / "minutes.txt")


def test_attendance_written_as_lines_and_a_missing_owner(tmp_path: Path) -> None:
    document = docx.Document()
    for text in (
        "MASH Board",
        "Minutes of the Meeting held on Monday, 13th August, 2017 at 10am in Room 5",
        "Present: Jane Booth (LSCB); Ian Whitehead – Lancashire Constabulary",
        "Apologies: None",
        "1. Welcome",
        "Resolved: that the terms of reference be agreed.",
        "Actions:",
        "· Circulate the terms of reference",
    ):
        document.add_paragraph(text)
    path = tmp_path / "mash.docx"
    document.save(str(path))

    read = read_minutes(path)

    assert (read.board_name, read.date, read.start_time, read.venue) == (
        "MASH Board",
        dt.date(2017, 8, 13),
        dt.time(10, 0),
        "Room 5",
    )
    assert [(a.name, a.organisation) for a in read.attendees] == [
        ("Jane Booth", "LSCB"),
        ("Ian Whitehead", "Lancashire Constabulary"),
    ]
    assert read.items[0].decisions == ["that the terms of reference be agreed."]
    assert [str(p) for p in read.problems] == [
        "warning: paragraph 8: the action “Circulate the terms of reference” names no owner (write “– Name” at its "
        "end); imported without one."
    ]


def test_names_one_under_another_are_separate_people_and_a_lone_number_takes_the_next_title(tmp_path: Path) -> None:
    document = docx.Document()
    for text in (
        "Corporate Parenting Board",
        "Minutes of the Meeting held on Thursday, 5th October, 2017 at 6.00 pm in Room 2",
        "Present:",
        "Tony Crane",
        "Jane Booth",
        "",
        "Amanda Hatton",
        "Lancashire County Council",
        "1.",
        "Welcome",
        "The Chair welcomed everyone.",
    ):
        document.add_paragraph(text)
    path = tmp_path / "cpb.docx"
    document.save(str(path))

    read = read_minutes(path)

    assert read.problems == []
    assert [(a.name, a.organisation) for a in read.attendees] == [
        ("Tony Crane", ""),
        ("Jane Booth", ""),
        ("Amanda Hatton", "Lancashire County Council"),
    ]
    assert [(i.title, i.notes) for i in read.items] == [("Welcome", "The Chair welcomed everyone.")]
