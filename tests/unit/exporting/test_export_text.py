"""House style for dates, times, names and the exemption paragraph; cleaning and note parsing."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.exporting.backends.text import Warnings, clean_text, clock_time, heading_date, ordinal, parse_notes, roman
from boardapp.exporting.meetings.builders import exemption_statement, join_names
from boardapp.exporting.meetings.documents import ActionLine, BlockKind, NoteBlock


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (31, "31st"),
        (111, "111th"),
    ],
)
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text


def test_dates_and_times_in_house_style() -> None:
    assert heading_date(dt.date(2017, 8, 1)) == "Tuesday, 1st August, 2017"
    assert heading_date(dt.date(2017, 9, 12)) == "Tuesday, 12th September, 2017"
    assert clock_time(dt.time(14, 30)) == "2.30 pm"
    assert clock_time(dt.time(9, 5)) == "9.05 am"
    assert clock_time(dt.time(12, 0)) == "12.00 noon"
    assert clock_time(dt.time(12, 15)) == "12.15 pm"
    assert clock_time(dt.time(0, 0)) == "12.00 am"


def test_exemption_paragraph_names_the_statute_and_the_paragraph() -> None:
    assert exemption_statement("1") == (
        "This item is exempt from publication under paragraph 1 of Part 1 of Schedule 12A to the Local "
        "Government Act 1972: Information relating to any individual."
    )
    assert exemption_statement("1", "names of staff").endswith(
        "Information relating to any individual. Reason (confidential, not for publication): names of staff."
    )
    assert exemption_statement("", "") == (
        "This item is exempt from publication under Part 1 of Schedule 12A to the Local Government Act 1972."
    )
    assert "under paragraphs 1 and 3 of Part 1" in exemption_statement("1, 3")


def test_names_and_action_lines() -> None:
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B", "C"]) == "A, B and C"
    action = ActionLine(
        "To share profiles with the Board.", "Chris Coyle/Amanda Hatton", "September 2017 meeting", "meeting"
    )
    assert (
        action.line == "To share profiles with the Board – Chris Coyle/Amanda Hatton (for the September 2017 meeting)"
    )
    assert ActionLine("Report back", "Amanda Hatton", "a future meeting", "future_meeting").due_phrase == (
        "at a future meeting"
    )
    assert ActionLine("Pay", "", "31 October 2017", "date").line == "Pay (by 31 October 2017)"
    assert roman(4) == "iv" and roman(9) == "ix" and roman(14) == "xiv"


def test_clean_text_strips_what_no_file_can_hold_and_says_so() -> None:
    warnings = Warnings()
    assert clean_text("a\x00b\r\nc\x0bd\ud800e\uffff", "Item 1 notes", warnings, multiline=True) == "ab\nc\nde"
    assert list(warnings) == [
        "Item 1 notes: removed 3 control character(s) that cannot be printed (U+0000, U+D800, U+FFFF)."
    ]
    assert clean_text("  several\n  lines\there ", "x", warnings) == "several lines here"


def test_parse_notes() -> None:
    notes = "Ofsted\n\n- first\n- second\n  continued\n  - sub\n\tmore\nA paragraph\nwith a break.\n\n\n- last"
    assert parse_notes(notes) == (
        NoteBlock(BlockKind.SUBHEADING, "Ofsted"),
        NoteBlock(BlockKind.BULLET, "first"),
        NoteBlock(BlockKind.BULLET, "second continued"),
        NoteBlock(BlockKind.SUB_BULLET, "sub more"),
        NoteBlock(BlockKind.PARAGRAPH, "A paragraph\nwith a break."),
        NoteBlock(BlockKind.BULLET, "last"),
    )
    assert parse_notes("Just a sentence.") == (NoteBlock(BlockKind.PARAGRAPH, "Just a sentence."),)
    assert parse_notes("") == ()


def test_subheadings_only_introduce_bullets() -> None:
    notes = "MASH Redesign – Simon Fisher\n\nDevelopments since May 2017 include:\n\n- a single point of contact"
    assert [b.kind for b in parse_notes(notes)] == [BlockKind.SUBHEADING, BlockKind.PARAGRAPH, BlockKind.BULLET]
    plain = "Emoji: party\n\nArabic: text\n\nA closing line"
    assert {b.kind for b in parse_notes(plain)} == {BlockKind.PARAGRAPH}
