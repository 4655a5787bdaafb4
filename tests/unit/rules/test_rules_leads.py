"""split_parties on every kind of lead / owner cell in the seeds, copied here."""

from __future__ import annotations

import pytest

from boardapp.core.rules import PartyName, split_parties
from boardapp.core.rules.leads import looks_like_parties


def person(text: str) -> PartyName:
    return PartyName(text, is_role=False)


def role(text: str) -> PartyName:
    return PartyName(text, is_role=True)


# "Lead" cells of seed 000 (12 Week Improvement Plan).
SEED_000_LEADS = [
    ("Simon Fisher", [person("Simon Fisher")]),
    ("Jane Booth", [person("Jane Booth")]),
    ("Rachel Blundell/Annette McNeill", [person("Rachel Blundell"), person("Annette McNeill")]),
    ("Chris Turner / Heads of Service", [person("Chris Turner"), role("Heads of Service")]),
    ("Sally Allen / Jane Booth", [person("Sally Allen"), person("Jane Booth")]),
    ("Barbara Bath / Annette McNeill", [person("Barbara Bath"), person("Annette McNeill")]),
    ("Louise Storey / Rachel Rump", [person("Louise Storey"), person("Rachel Rump")]),
    ("Louise Storey / Chris Greenwood", [person("Louise Storey"), person("Chris Greenwood")]),
    ("Heads of Service", [role("Heads of Service")]),
    ("Heads of Service and panel", [role("Heads of Service and panel")]),
    ("David", [person("David")]),
    (
        "Tracy Poole-Nandy Julie Cross DCI Dominic Blackburn Louise Burton",
        [
            person("Tracy Poole-Nandy"),
            person("Julie Cross"),
            person("DCI Dominic Blackburn"),
            person("Louise Burton"),
        ],
    ),
    (
        "Tracy Poole-Nandy Dominic Blackburn Louise Burton Julie Cross",
        [
            person("Tracy Poole-Nandy"),
            person("Dominic Blackburn"),
            person("Louise Burton"),
            person("Julie Cross"),
        ],
    ),
    ("Tracy Poole-Nandy / Sue Clarke", [person("Tracy Poole-Nandy"), person("Sue Clarke")]),
    ("Tracy Poole-Nandy", [person("Tracy Poole-Nandy")]),
    ("Louise Storey / Ian Forsyth", [person("Louise Storey"), person("Ian Forsyth")]),
    ("Brendan Lee / Stasia Osiowy", [person("Brendan Lee"), person("Stasia Osiowy")]),
    ("Annette McNeill", [person("Annette McNeill")]),
]

# "Lead" cells of seed 002 (Development Plan 2018-19): roles, several run together.
SEED_002_LEADS = [
    (
        "Executive Director of Education and Children's Services",
        [role("Executive Director of Education and Children's Services")],
    ),
    ("Head of SEND", [role("Head of SEND")]),
    (
        "Chair of Lancashire Safeguarding Children's Board (LSCB)",
        [role("Chair of Lancashire Safeguarding Children's Board (LSCB)")],
    ),
    (
        "Head of Service, Children's Social Care (CSC), East Locality Chair of LSCB",
        [role("Head of Service, Children's Social Care (CSC), East Locality"), role("Chair of LSCB")],
    ),
    (
        "Head of Service, CSC, East Locality Chair of LSCB",
        [role("Head of Service, CSC, East Locality"), role("Chair of LSCB")],
    ),
    (
        "Head of Service, CSC, Central Locality Chair of Pan Lancashire Domestic Abuse Board",
        [role("Head of Service, CSC, Central Locality"), role("Chair of Pan Lancashire Domestic Abuse Board")],
    ),
    ("Head of Health, Equity and Partnerships", [role("Head of Health, Equity and Partnerships")]),
    (
        "Head of Fostering Adoption, Residential and YOT (FARY) Chair of LSCB",
        [role("Head of Fostering Adoption, Residential and YOT (FARY)"), role("Chair of LSCB")],
    ),
    ("Head of FARY", [role("Head of FARY")]),
    (
        "Head of Children, Family and Wellbeing (CFW) Service",
        [role("Head of Children, Family and Wellbeing (CFW) Service")],
    ),
    ("Head of CFW Service", [role("Head of CFW Service")]),
    ("Head of Policy, Information and Commissioning", [role("Head of Policy, Information and Commissioning")]),
    ("Head of FARY Head of CFW Service", [role("Head of FARY"), role("Head of CFW Service")]),
    ("Principal Social Worker", [role("Principal Social Worker")]),
    ("Locality Heads of CSC", [role("Locality Heads of CSC")]),
    ("Locality Heads of CSC Head of FARY", [role("Locality Heads of CSC"), role("Head of FARY")]),
    ("Locality Heads of CSC Head of SEND", [role("Locality Heads of CSC"), role("Head of SEND")]),
    ("Director of Children's Social Care", [role("Director of Children's Social Care")]),
    (
        "Director of Children's Social Care Head of SEND",
        [role("Director of Children's Social Care"), role("Head of SEND")],
    ),
    ("Head of Safeguarding,", [role("Head of Safeguarding")]),
    ("Head of CSC (Central)", [role("Head of CSC (Central)")]),
    ("Head of Service for FARY", [role("Head of Service for FARY")]),
    (
        "Head of CSC (East) Skills, Learning and Development",
        [role("Head of CSC (East)"), role("Skills, Learning and Development")],
    ),
    ("Skills, Learning and Development", [role("Skills, Learning and Development")]),
    (
        "Head of SEND Director of Children Social Care",
        [role("Head of SEND"), role("Director of Children Social Care")],
    ),
    (
        "Chair of Data, Quality and Performance Group - Head of CSC (North)",
        [role("Chair of Data, Quality and Performance Group - Head of CSC (North)")],
    ),
    ("SEND Auditor/ Audit Team Manager", [role("SEND Auditor"), role("Audit Team Manager")]),
    ("SEND Auditor", [role("SEND Auditor")]),
    ("Virtual School Headteacher", [role("Virtual School Headteacher")]),
    ("Head of Safeguarding, Inspection and Audit", [role("Head of Safeguarding, Inspection and Audit")]),
    ("Head of Safeguarding Inspection and Audit", [role("Head of Safeguarding Inspection and Audit")]),
    ("Head of CSC (North)", [role("Head of CSC (North)")]),
]

# Owners of actions in the minutes (seed 003).
SEED_003_OWNERS = [
    ("Ian Whitehead.", [person("Ian Whitehead")]),
    ("Chris Coyle/Amanda Hatton", [person("Chris Coyle"), person("Amanda Hatton")]),
    ("CC Charles/CC Driver", [person("CC Charles"), person("CC Driver")]),
    ("Natasha Wright/Board Members", [person("Natasha Wright"), role("Board Members")]),
    ("Tony Crane", [person("Tony Crane")]),
    ("Debbie Duffell/Richard Cooke", [person("Debbie Duffell"), person("Richard Cooke")]),
    ("County Councillor Geoff Driver CBE", [person("County Councillor Geoff Driver CBE")]),
    ("County Councillor Mrs Susie Charles", [person("County Councillor Mrs Susie Charles")]),
]

EDGE_CASES = [
    ("", []),
    ("   ", []),
    ("\u00a0\t\n", []),
    ("/", []),
    (" / / ", []),
    ("Simon  Fisher ", [person("Simon Fisher")]),
    ("Simon\u00a0Fisher", [person("Simon Fisher")]),
    ("Simon Fi\u200bsher", [person("Simon Fisher")]),
    ("Simon Fisher...", [person("Simon Fisher")]),
    ("Head of Service.", [role("Head of Service")]),
    # Curly apostrophes are kept exactly as typed.
    ("Director of Children’s Social Care", [role("Director of Children’s Social Care")]),
    ("Jo O’Brien", [person("Jo O’Brien")]),
    ("Jo O'Brien / Ana de Souza", [person("Jo O'Brien"), person("Ana de Souza")]),
    # Line breaks inside a cell are spaces.
    (
        "Head of SEND\nDirector of Children Social Care",
        [role("Head of SEND"), role("Director of Children Social Care")],
    ),
    # People listed with "and", "&" or commas are split; roles with them are not.
    ("Debbie Duffell and Lee Kearns", [person("Debbie Duffell"), person("Lee Kearns")]),
    ("Debbie Duffell & Lee Kearns", [person("Debbie Duffell"), person("Lee Kearns")]),
    ("Jane Booth, Tony Crane", [person("Jane Booth"), person("Tony Crane")]),
    ("Head of SEND and Head of FARY", [role("Head of SEND"), role("Head of FARY")]),
    ("Head of SEND, Head of FARY", [role("Head of SEND"), role("Head of FARY")]),
    # Titles start a new name and stay with it.
    ("CC Charles CC Driver", [person("CC Charles"), person("CC Driver")]),
    ("Dr Jane Smith Dr Tom Jones", [person("Dr Jane Smith"), person("Dr Tom Jones")]),
    ("Cllr. Smith", [person("Cllr. Smith")]),
    ("Detective Inspector Dominic Blackburn", [person("Detective Inspector Dominic Blackburn")]),
    # Post-nominals end a name.
    ("Geoff Driver CBE Susie Charles", [person("Geoff Driver CBE"), person("Susie Charles")]),
    # A person with a bracketed note keeps it.
    ("Jane Booth (LSCB)", [person("Jane Booth (LSCB)")]),
    ("Jane Booth (Chair) Tony Crane", [person("Jane Booth (Chair)"), person("Tony Crane")]),
    # Acronyms alone are roles (teams, boards), not people.
    ("SMT", [role("SMT")]),
    ("MASH Board", [role("MASH Board")]),
    ("panel", [role("panel")]),
    ("Ofsted", [role("Ofsted")]),
    # Three capitalised words are one person ("Mary Ann Smith"), not two.
    ("Mary Ann Smith", [person("Mary Ann Smith")]),
    # An odd run of names: the last name takes the spare word (known_names does better).
    ("Tracy Poole-Nandy Julie Cross Louise", [person("Tracy Poole-Nandy"), person("Julie Cross Louise")]),
    # After a title an odd run gives the title a surname only.
    ("CC Charles Louise Burton Julie Cross", [person("CC Charles"), person("Louise Burton"), person("Julie Cross")]),
    # The same party twice is listed once.
    ("Head of FARY / Head of FARY", [role("Head of FARY")]),
]


@pytest.mark.parametrize(("text", "expected"), SEED_000_LEADS + SEED_002_LEADS + SEED_003_OWNERS + EDGE_CASES)
def test_split_parties(text: str, expected: list[PartyName]) -> None:
    assert split_parties(text) == expected


BOARD = [
    "Tracy Poole-Nandy",
    "Julie Cross",
    "Dominic Blackburn",
    "Louise Burton",
    "Mary Ann Smith",
    "Lee Kearns",
    "Sue Clarke",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tracy Poole-Nandy Julie Cross DCI Dominic Blackburn Louise Burton",
            ["Tracy Poole-Nandy", "Julie Cross", "DCI Dominic Blackburn", "Louise Burton"],
        ),
        # Three-word names the heuristic would cut in two are found whole.
        ("Mary Ann Smith Tracy Poole-Nandy", ["Mary Ann Smith", "Tracy Poole-Nandy"]),
        ("Lee Kearns Mary Ann Smith Sue Clarke", ["Lee Kearns", "Mary Ann Smith", "Sue Clarke"]),
        # Case and apostrophe style do not matter for the lookup; the text stays as written.
        ("tracy poole-nandy / SUE CLARKE", ["tracy poole-nandy", "SUE CLARKE"]),
        # Unknown names between known ones fall back to the heuristic.
        ("Julie Cross Amanda Hatton Sue Clarke", ["Julie Cross", "Amanda Hatton", "Sue Clarke"]),
        # A single known one-word name.
        ("David", ["David"]),
    ],
)
def test_known_names_guide_the_split(text: str, expected: list[str]) -> None:
    parties = split_parties(text, known_names=[*BOARD, "David", "SUE CLARKE"])
    assert [p.text for p in parties] == expected
    assert not any(p.is_role for p in parties)


def test_without_known_names_three_word_names_are_cut() -> None:
    """The documented limit of the heuristic, and the reason known_names exists."""
    assert [p.text for p in split_parties("Mary Ann Smith Tracy Poole-Nandy")] == [
        "Mary Ann",
        "Smith Tracy Poole-Nandy",
    ]


def test_known_name_can_make_an_unusual_name_a_person() -> None:
    assert split_parties("Board Lead") == [role("Board Lead")]
    assert split_parties("Board Lead", known_names=["Board Lead"]) == [person("Board Lead")]


def test_known_names_do_not_turn_roles_into_people() -> None:
    assert split_parties("Chris Turner / Heads of Service", known_names=["Chris Turner"]) == [
        person("Chris Turner"),
        role("Heads of Service"),
    ]


def test_party_name_is_frozen_and_hashable() -> None:
    party = person("Simon Fisher")
    assert {party, person("Simon Fisher")} == {party}
    with pytest.raises(AttributeError):
        party.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "Ian Whitehead",
        "Chris Coyle/Amanda Hatton",
        "CC Charles/CC Driver",
        "Natasha Wright/Board Members",
        "Heads of Service",
        "Head of CSC (North)",
        "SMT",
        "Jane Booth.",
    ],
)
def test_looks_like_parties(text: str) -> None:
    assert looks_like_parties(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "be an Innovation Group, plans afoot to change the governance of the Operational Improvement Group",
        "Debbie Duffell will speak to Richard Cooke regarding this",
        "this will be agreed at the next Board meeting on 13 August 2017",
        "no cases referred back and no queries on cases",
        "Lancaster is the worst performing district (drop from 51.5% to 29.4%)",
        "MASH, Single Point of Contact with information gathering/sharing not restricted to police",
        "Jane Booth//Tony Crane",
        "Skylakes " * 20,
    ],
)
def test_does_not_look_like_parties(text: str) -> None:
    assert not looks_like_parties(text)
