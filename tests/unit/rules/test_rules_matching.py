"""match_party and suggest_parties over the people present at the 1 August 2017 board
(seed 003) and the roles of the development plan (seed 002)."""

from __future__ import annotations

import pytest

from boardapp.core.rules import Candidate, match_party, suggest_parties

DRIVER = Candidate(1, "Geoff Driver", aliases=("County Councillor Geoff Driver CBE",))
CHARLES = Candidate(2, "Susie Charles", aliases=("County Councillor Mrs Susie Charles",))
BOOTH = Candidate(3, "Jane Booth")
STOREY = Candidate(4, "Louise Storey")
TAYLOR = Candidate(5, "Louise Taylor")
CRANE = Candidate(6, "Tony Crane")
COYLE = Candidate(7, "Chris Coyle")
WRIGHT = Candidate(8, "Natasha Wright")
HATTON = Candidate(9, "Amanda Hatton")
DUFFELL = Candidate(10, "Debbie Duffell")
POOLE = Candidate(11, "Tracy Poole-Nandy")
OBRIEN = Candidate(12, "Jo O’Brien")
DAVID = Candidate(13, "David Jones")
HEADS = Candidate(101, "Heads of Service", is_role=True)
HEAD = Candidate(102, "Head of Service", is_role=True)
MEMBERS = Candidate(103, "Board Members", is_role=True)
DCSC = Candidate(104, "Director of Children's Social Care", aliases=("DCSC",), is_role=True)
PSW = Candidate(105, "Principal Social Worker", aliases=("PSW",), is_role=True)

PEOPLE = [DRIVER, CHARLES, BOOTH, STOREY, TAYLOR, CRANE, COYLE, WRIGHT, HATTON, DUFFELL, POOLE, OBRIEN, DAVID]
ROLES = [HEADS, HEAD, MEMBERS, DCSC, PSW]
ALL = PEOPLE + ROLES


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # Exact names, ignoring case, spacing and apostrophe style.
        ("Jane Booth", BOOTH),
        ("jane booth", BOOTH),
        ("  Jane   Booth ", BOOTH),
        ("JANE BOOTH", BOOTH),
        ("Jo O'Brien", OBRIEN),
        ("Jo OBrien", OBRIEN),
        ("Tracy Poole-Nandy", POOLE),
        # Aliases.
        ("County Councillor Geoff Driver CBE", DRIVER),
        ("county councillor mrs susie charles", CHARLES),
        # Title and surname against a unique surname (seed 003 writes "CC Charles/CC Driver").
        ("CC Driver", DRIVER),
        ("CC Charles", CHARLES),
        ("cc driver", DRIVER),
        ("County Councillor Driver", DRIVER),
        ("Cllr Charles", CHARLES),
        ("Cllr. Charles", CHARLES),
        ("Councillor Driver", DRIVER),
        ("Mrs Charles", CHARLES),
        ("Mrs Storey", STOREY),
        ("Dr Hatton", HATTON),
        ("Ms Poole-Nandy", POOLE),
        # Title or post-nominals with the full name.
        ("County Councillor Geoff Driver", DRIVER),
        ("CC Susie Charles", CHARLES),
        ("Geoff Driver CBE", DRIVER),
        # Roles by exact name or alias, case-insensitively.
        ("Heads of Service", HEADS),
        ("heads of service", HEADS),
        ("Head of Service", HEAD),
        ("Board Members", MEMBERS),
        ("Director of Children’s Social Care", DCSC),
        ("DCSC", DCSC),
        ("psw", PSW),
    ],
)
def test_match_party(written: str, expected: Candidate) -> None:
    assert match_party(written, ALL) == expected


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "David",  # a unique first name is still for the user to confirm
        "Louise",  # two Louises
        "Driver",  # a surname alone
        "Driver CBE",
        "CC",  # a title alone
        "CC Smith",  # nobody called Smith
        "Geoff Driverr",
        "Heads of Services",
        "Head of SEND",
        "Mr Service",  # titles only match people, never roles
        "Ian Whitehead",
    ],
)
def test_no_match(written: str) -> None:
    assert match_party(written, ALL) is None


def test_title_and_shared_surname_is_ambiguous() -> None:
    other_driver = Candidate(20, "Anne Driver")
    assert match_party("CC Driver", [*ALL, other_driver]) is None
    assert match_party("County Councillor Geoff Driver", [*ALL, other_driver]) == DRIVER


def test_alias_beats_surname_rule() -> None:
    other_driver = Candidate(20, "Anne Driver")
    geoff = Candidate(1, "Geoff Driver", aliases=("CC Driver",))
    assert match_party("CC Driver", [geoff, other_driver]) == geoff


def test_two_exact_matches_are_ambiguous() -> None:
    twin = Candidate(30, "Jane Booth")
    assert match_party("Jane Booth", [BOOTH, twin]) is None
    # The same candidate listed twice is still one candidate.
    assert match_party("Jane Booth", [BOOTH, BOOTH]) == BOOTH


def test_singular_and_plural_roles_stay_apart() -> None:
    assert match_party("Head of Service", [HEADS]) is None
    assert match_party("Heads of Service", [HEAD]) is None


def test_roles_never_match_by_title() -> None:
    role_named_like_person = Candidate(40, "Service Driver", is_role=True)
    assert match_party("CC Driver", [role_named_like_person]) is None


def test_no_candidates() -> None:
    assert match_party("Jane Booth", []) is None


def names(found: list[Candidate]) -> list[str]:
    return [c.name for c in found]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("lou", ["Louise Storey", "Louise Taylor"]),
        ("LOU", ["Louise Storey", "Louise Taylor"]),
        ("sto", ["Louise Storey"]),
        ("louise t", ["Louise Taylor"]),
        ("dri", ["Geoff Driver"]),
        ("nandy", ["Tracy Poole-Nandy"]),
        ("obr", ["Jo O’Brien"]),
        ("o'br", ["Jo O’Brien"]),
        ("cc", []),  # no alias begins "CC" here
        ("county", ["Geoff Driver", "Susie Charles"]),  # through aliases, alphabetical by name
        ("head", ["Head of Service", "Heads of Service"]),
        ("heads", ["Heads of Service"]),
        ("dcsc", ["Director of Children's Social Care"]),
        ("service", ["Head of Service", "Heads of Service"]),
        ("xyz", []),
    ],
)
def test_suggest_parties(prefix: str, expected: list[str]) -> None:
    assert names(suggest_parties(prefix, ALL)) == expected


def test_suggest_puts_whole_name_prefix_first() -> None:
    """Typing "Ch": Chris Coyle (name starts so) before people with a later word "Ch..."."""
    found = names(suggest_parties("ch", ALL))
    assert found[0] == "Chris Coyle"
    assert set(found[1:]) == {"Susie Charles", "Director of Children's Social Care"}
    assert found[1:] == sorted(found[1:], key=str.casefold)


def test_suggest_alias_prefix_counts_as_whole_prefix() -> None:
    geoff = Candidate(1, "Geoff Driver", aliases=("CC Driver",))
    carl = Candidate(2, "Zed Ccarl")
    assert names(suggest_parties("cc", [carl, geoff])) == ["Geoff Driver", "Zed Ccarl"]


def test_suggest_limit() -> None:
    assert len(suggest_parties("", ALL)) == 10
    assert len(suggest_parties("", ALL, limit=3)) == 3
    assert suggest_parties("lou", ALL, limit=0) == []
    assert suggest_parties("lou", ALL, limit=-1) == []
    assert names(suggest_parties("lou", ALL, limit=1)) == ["Louise Storey"]


def test_suggest_empty_prefix_lists_all_alphabetically() -> None:
    found = names(suggest_parties("", ALL, limit=100))
    assert found == sorted((c.name for c in ALL), key=lambda n: n.casefold().replace("'", "").replace("’", ""))
    assert len(found) == len(ALL)


def test_suggest_lists_each_candidate_once() -> None:
    assert names(suggest_parties("geoff", ALL)) == ["Geoff Driver"]


def test_candidate_defaults() -> None:
    c = Candidate(1, "Jane Booth")
    assert c.aliases == ()
    assert c.is_role is False
