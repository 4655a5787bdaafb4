"""Pure rules of the domain: reading what clerks type (leads, due texts, action lines) and
linking names to people. Standard library only, so every rule is testable without Qt or a
database."""

from boardapp.core.rules.action_lines import (
    DuePhrase,
    ParsedActionLine,
    find_due_phrase,
    parse_action_line,
    resolve_due_meeting,
)
from boardapp.core.rules.due_text import ParsedDue, parse_due_text
from boardapp.core.rules.leads import PartyName, split_parties
from boardapp.core.rules.matching import Candidate, match_party, suggest_parties

__all__ = [
    "Candidate",
    "DuePhrase",
    "ParsedActionLine",
    "ParsedDue",
    "PartyName",
    "find_due_phrase",
    "match_party",
    "parse_action_line",
    "parse_due_text",
    "resolve_due_meeting",
    "split_parties",
    "suggest_parties",
]
