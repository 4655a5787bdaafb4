"""parse_action_line on every action bullet of the 1 August 2017 minutes (seed 003), copied
here, plus the due phrases and the meeting calendar they resolve against."""

from __future__ import annotations

import datetime

import pytest

from boardapp.core.enums import DueKind
from boardapp.core.rules import (
    DuePhrase,
    ParsedActionLine,
    PartyName,
    find_due_phrase,
    parse_action_line,
    resolve_due_meeting,
)

D = datetime.date
MEETING, DATE, FUTURE = DueKind.MEETING, DueKind.DATE, DueKind.FUTURE_MEETING


def people(*names: str) -> list[PartyName]:
    return [PartyName(n, is_role=False) for n in names]


# Every bullet under "Actions:" in seed 003, exactly as extracted ("· " bullets).
SEED_003_ACTIONS = [
    (
        "· CSE intelligence input to be on the agenda for the September meeting – Ian Whitehead.",
        "CSE intelligence input to be on the agenda for the September meeting",
        people("Ian Whitehead"),
        DuePhrase(MEETING, "for the September meeting", month=9),
    ),
    (
        "· To share some Social Worker profiles with the Board - Chris Coyle/Amanda Hatton.",
        "To share some Social Worker profiles with the Board",
        people("Chris Coyle", "Amanda Hatton"),
        None,
    ),
    (
        "· To ensure that the video is presented to all Elected Members as they are all corporate parents"
        " - CC Charles/CC Driver.",
        "To ensure that the video is presented to all Elected Members as they are all corporate parents",
        people("CC Charles", "CC Driver"),
        None,
    ),
    (
        "· Young people who were involved in the video to be sent a letter on behalf of the Board"
        " congratulating them on this achievement – Tony Crane.",
        "Young people who were involved in the video to be sent a letter on behalf of the Board"
        " congratulating them on this achievement",
        people("Tony Crane"),
        None,
    ),
    (
        "· To show the video and Natasha to contact the members to see who has used it and what effects it"
        " has had and report back to the Board at the October meeting – Natasha Wright/Board Members.",
        "To show the video and Natasha to contact the members to see who has used it and what effects it"
        " has had and report back to the Board at the October meeting",
        [PartyName("Natasha Wright", is_role=False), PartyName("Board Members", is_role=True)],
        DuePhrase(MEETING, "at the October meeting", month=10),
    ),
    (
        "· Report to the Board at a future meeting, statistics on re-referrals including step-downs – Amanda Hatton.",
        "Report to the Board at a future meeting, statistics on re-referrals including step-downs",
        people("Amanda Hatton"),
        DuePhrase(FUTURE, "at a future meeting"),
    ),
    (
        "· Heat maps report on recruitment and retention for the September meeting - Louise Storey.",
        "Heat maps report on recruitment and retention for the September meeting",
        people("Louise Storey"),
        DuePhrase(MEETING, "for the September meeting", month=9),
    ),
    (
        "· Evidence is produced on the impact the Neighbourhood Schemes are having – Ian Whitehead.",
        "Evidence is produced on the impact the Neighbourhood Schemes are having",
        people("Ian Whitehead"),
        None,
    ),
    (
        "· MASH Board needs to set targets for de-escalation, processes and monitoring on a scorecard and"
        " report back to this meeting – Jane Booth.",
        "MASH Board needs to set targets for de-escalation, processes and monitoring on a scorecard and"
        " report back to this meeting",
        people("Jane Booth"),
        DuePhrase(FUTURE, "to this meeting"),
    ),
    (
        "· To update the improvement plan to include additional actions – Richard Cooke.",
        "To update the improvement plan to include additional actions",
        people("Richard Cooke"),
        None,
    ),
    (
        "· To discuss a stronger action plan around Governance – Debbie Duffell/Richard Cooke.",
        "To discuss a stronger action plan around Governance",
        people("Debbie Duffell", "Richard Cooke"),
        None,
    ),
    (
        "· To discuss actions against their name – Jane Booth",
        "To discuss actions against their name",
        people("Jane Booth"),
        None,
    ),
]


@pytest.mark.parametrize(("line", "text", "owners", "due"), SEED_003_ACTIONS)
def test_seed_action_lines(line: str, text: str, owners: list[PartyName], due: DuePhrase | None) -> None:
    assert parse_action_line(line) == ParsedActionLine(text=text, owners=owners, due=due)


@pytest.mark.parametrize(("line", "text", "owners", "due"), SEED_003_ACTIONS)
def test_due_phrase_stays_in_text(line: str, text: str, owners: list[PartyName], due: DuePhrase | None) -> None:
    parsed = parse_action_line(line)
    if due is not None:
        assert due.phrase in parsed.text
    assert not parsed.text.endswith(".")


# Other bullets of seed 003: prose with dashes, no owners. The text must come back whole.
SEED_003_NOTES = [
    "· To focus on good practice and innovation – be an Innovation Group, plans afoot to change the"
    " governance of the Operational Improvement Group.",
    "· Significant improvement in the three months since the last visit – no cases referred back and"
    " no queries on cases – all cases compliant.",
    "· Needs to be a stronger action plan around Governance – Debbie Duffell will speak to Richard Cooke"
    " regarding this.",
    "· Focus on Child in Need – very concerned about this at the last full inspection.",
    "· Education, Employment and Training (EET) – Lancaster is the worst performing district (drop from"
    " 51.5% to 29.4%) – this is being monitored.",
    "· Removed the distinction between MASH and CART.  Now – MASH, Single Point of Contact with"
    " information gathering/sharing not restricted to police PVP’s (protecting vulnerable persons).",
    "· Need to change the mind-set of the North being in crisis – some areas of it are good and the"
    " narrative needs to change.",
    "· Develop a clear social work model based on outcomes – purposeful practice and link to the Higher"
    " Education Institutes.",
    "· Morale in the North had improved since the return of Skylakes.",
]


@pytest.mark.parametrize("line", SEED_003_NOTES)
def test_prose_dashes_are_not_owner_separators(line: str) -> None:
    parsed = parse_action_line(line)
    assert parsed.owners == []
    expected = " ".join(line.removeprefix("· ").split()).rstrip(".")
    assert parsed.text == expected  # en dashes and curly apostrophes kept as typed


@pytest.mark.parametrize(
    ("line", "text", "owners"),
    [
        # Bullets.
        ("• Send the plan – Jane Booth", "Send the plan", ["Jane Booth"]),
        ("•Send the plan – Jane Booth", "Send the plan", ["Jane Booth"]),
        ("- Send the plan – Jane Booth", "Send the plan", ["Jane Booth"]),
        ("* Send the plan – Jane Booth", "Send the plan", ["Jane Booth"]),
        ("▪ Send the plan – Jane Booth", "Send the plan", ["Jane Booth"]),
        ("  ·   Send the plan – Jane Booth.  ", "Send the plan", ["Jane Booth"]),
        ("Send the plan – Jane Booth", "Send the plan", ["Jane Booth"]),
        # Separators: en dash, hyphen, em dash; with odd spacing.
        ("Send the plan - Jane Booth", "Send the plan", ["Jane Booth"]),
        ("Send the plan — Jane Booth", "Send the plan", ["Jane Booth"]),
        ("Send the plan –Jane Booth", "Send the plan", ["Jane Booth"]),
        ("Send the plan\u00a0–\u00a0Jane Booth", "Send the plan", ["Jane Booth"]),
        ("Send the plan. – Jane Booth.", "Send the plan", ["Jane Booth"]),
        # Hyphens inside words are never separators.
        ("Agree the step-down pathway – Tracy Poole-Nandy", "Agree the step-down pathway", ["Tracy Poole-Nandy"]),
        (
            "Agree the step-down pathway with Tracy Poole-Nandy",
            "Agree the step-down pathway with Tracy Poole-Nandy",
            [],
        ),
        ("Agree the step -down pathway", "Agree the step -down pathway", []),
        # The LAST separator whose tail reads as owners.
        (
            "Focus on innovation – be an Innovation Group – Chris Coyle/Louise Storey.",
            "Focus on innovation – be an Innovation Group",
            ["Chris Coyle", "Louise Storey"],
        ),
        # No owner at all.
        ("Send the plan to all members.", "Send the plan to all members", []),
        ("", "", []),
        ("·", "", []),
        # A dash at the very start is a bullet, not a separator.
        ("– Jane Booth", "Jane Booth", []),
        # Role owners.
        ("Refresh the guide – Heads of Service", "Refresh the guide", ["Heads of Service"]),
        (
            "Refresh the guide – Head of SEND/Principal Social Worker",
            "Refresh the guide",
            ["Head of SEND", "Principal Social Worker"],
        ),
    ],
)
def test_parse_action_line_variants(line: str, text: str, owners: list[str]) -> None:
    parsed = parse_action_line(line)
    assert parsed.text == text
    assert [o.text for o in parsed.owners] == owners


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for the September meeting", DuePhrase(MEETING, "for the September meeting", month=9)),
        ("report at the October meeting", DuePhrase(MEETING, "at the October meeting", month=10)),
        (
            "Louise Storey will bring to the September Board meeting the heat maps",
            DuePhrase(MEETING, "to the September Board meeting", month=9),
        ),
        ("to the Sept meeting", DuePhrase(MEETING, "to the Sept meeting", month=9)),
        ("for the March 2018 meeting", DuePhrase(MEETING, "for the March 2018 meeting", month=3, year=2018)),
        ("the June meeting", DuePhrase(MEETING, "the June meeting", month=6)),
        ("FOR THE SEPTEMBER MEETING", DuePhrase(MEETING, "FOR THE SEPTEMBER MEETING", month=9)),
        ("at the meeting in November", DuePhrase(MEETING, "at the meeting in November", month=11)),
        (
            "at the Board meeting in November 2017",
            DuePhrase(MEETING, "at the Board meeting in November 2017", month=11, year=2017),
        ),
        (
            "agreed at the next Board meeting on 13 August 2017",
            DuePhrase(
                MEETING,
                "at the next Board meeting on 13 August 2017",
                month=8,
                year=2017,
                date=D(2017, 8, 13),
            ),
        ),
        ("at the next meeting", DuePhrase(MEETING, "at the next meeting")),
        ("to the next Board meeting", DuePhrase(MEETING, "to the next Board meeting")),
        ("at a future meeting", DuePhrase(FUTURE, "at a future meeting")),
        ("to a future Board meeting", DuePhrase(FUTURE, "to a future Board meeting")),
        ("report back to this meeting", DuePhrase(FUTURE, "to this meeting")),
        ("by 31 October 2017", DuePhrase(DATE, "by 31 October 2017", month=10, year=2017, date=D(2017, 10, 31))),
        ("by 31/10/2017", DuePhrase(DATE, "by 31/10/2017", month=10, year=2017, date=D(2017, 10, 31))),
        ("by 2017-10-31", DuePhrase(DATE, "by 2017-10-31", month=10, year=2017, date=D(2017, 10, 31))),
        (
            "before 1st November 2017",
            DuePhrase(DATE, "before 1st November 2017", month=11, year=2017, date=D(2017, 11, 1)),
        ),
        ("in December 2017", DuePhrase(DATE, "in December 2017", month=12, year=2017, date=D(2017, 12, 31))),
        (
            "by the end of October 2017",
            DuePhrase(DATE, "by the end of October 2017", month=10, year=2017, date=D(2017, 10, 31)),
        ),
        # The last phrase wins.
        (
            "after the September meeting report at the October meeting",
            DuePhrase(MEETING, "at the October meeting", month=10),
        ),
        ("by 1 October 2017 and at the next meeting", DuePhrase(MEETING, "at the next meeting")),
    ],
)
def test_find_due_phrase(text: str, expected: DuePhrase) -> None:
    assert find_due_phrase(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "To share some Social Worker profiles with the Board",
        "by the end of October",  # no year: left for the clerk, never guessed
        "by 31 October",
        "by 31 Sept 2017",  # impossible: no due point rather than a wrong one
        "Staff may attend the meeting",
        "report back to the Board",
        "the minutes of the meeting held on 6 June 2017",
        "agreed at this meeting",
    ],
)
def test_no_due_phrase(text: str) -> None:
    assert find_due_phrase(text) is None


CALENDAR = [D(2017, 6, 6), D(2017, 8, 1), D(2017, 9, 12), D(2017, 10, 10), D(2017, 11, 14)]
RAISED = D(2017, 8, 1)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("for the September meeting", D(2017, 9, 12)),
        ("at the October meeting", D(2017, 10, 10)),
        ("to the November Board meeting", D(2017, 11, 14)),
        ("the June meeting", None),  # June 2018 is not in the calendar
        ("the August meeting", None),  # the 1 August meeting is the one raising it
        ("at the next meeting", D(2017, 9, 12)),
        ("for the September 2017 meeting", D(2017, 9, 12)),
        ("for the September 2018 meeting", None),
        ("at the next Board meeting on 10 October 2017", D(2017, 10, 10)),
        ("at the next Board meeting on 13 August 2017", None),  # not a meeting in the calendar
    ],
)
def test_resolve_due_meeting(phrase: str, expected: datetime.date | None) -> None:
    due = find_due_phrase(phrase)
    assert due is not None
    assert resolve_due_meeting(due, RAISED, CALENDAR) == expected


def test_resolve_goes_to_next_year_when_month_has_passed() -> None:
    calendar = [*CALENDAR, D(2018, 6, 5), D(2018, 9, 11)]
    june = DuePhrase(MEETING, "the June meeting", month=6)
    september = DuePhrase(MEETING, "the September meeting", month=9)
    assert resolve_due_meeting(june, RAISED, calendar) == D(2018, 6, 5)
    assert resolve_due_meeting(september, RAISED, calendar) == D(2017, 9, 12)
    assert resolve_due_meeting(september, D(2017, 9, 12), calendar) == D(2018, 9, 11)


def test_resolve_same_month_later_meeting() -> None:
    august = DuePhrase(MEETING, "the August meeting", month=8)
    assert resolve_due_meeting(august, RAISED, [*CALENDAR, D(2017, 8, 29)]) == D(2017, 8, 29)


def test_resolve_ignores_order_and_duplicates_in_calendar() -> None:
    nxt = DuePhrase(MEETING, "at the next meeting")
    assert resolve_due_meeting(nxt, RAISED, list(reversed(CALENDAR)) + CALENDAR) == D(2017, 9, 12)


@pytest.mark.parametrize(
    "due",
    [
        DuePhrase(FUTURE, "at a future meeting"),
        DuePhrase(DATE, "by 31 October 2017", month=10, year=2017, date=D(2017, 10, 31)),
        DuePhrase(DueKind.NONE, ""),
    ],
)
def test_resolve_only_meetings(due: DuePhrase) -> None:
    assert resolve_due_meeting(due, RAISED, CALENDAR) is None


def test_resolve_with_empty_calendar_or_none_after() -> None:
    nxt = DuePhrase(MEETING, "at the next meeting")
    assert resolve_due_meeting(nxt, RAISED, []) is None
    assert resolve_due_meeting(nxt, D(2017, 11, 14), CALENDAR) is None
