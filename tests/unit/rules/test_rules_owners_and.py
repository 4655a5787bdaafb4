"""" and " between owners in an action line: two people's full names are two owners; a role keeps its "and"."""

from __future__ import annotations

import pytest

from boardapp.core.rules.action_lines import parse_action_line
from boardapp.core.rules.leads import looks_like_parties


@pytest.mark.parametrize(
    ("line", "text", "owners"),
    [
        ("Report back – Chris Coyle and Louise Storey", "Report back", ["Chris Coyle", "Louise Storey"]),
        ("Share the plan – CC Driver and Louise Storey", "Share the plan", ["CC Driver", "Louise Storey"]),
        (
            "Circulate it - Chris Coyle, Amanda Hatton and Jo Turton",
            "Circulate it",
            ["Chris Coyle", "Amanda Hatton", "Jo Turton"],
        ),
        ("Brief staff – Heads of Service and Team Managers", "Brief staff", ["Heads of Service and Team Managers"]),
    ],
)
def test_and_splits_people_but_not_a_role(line: str, text: str, owners: list[str]) -> None:
    parsed = parse_action_line(line)
    assert parsed.text == text
    assert [o.text for o in parsed.owners] == owners


def test_prose_after_a_dash_is_not_owners() -> None:
    assert not looks_like_parties("and lead the way")
    assert not looks_like_parties("report back and then decide")
    assert parse_action_line("Be an innovation – and lead the way").owners == []
