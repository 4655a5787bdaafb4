"""A member's role on a board as clerks write it ("Vice-Chair", "Co-opted", "Advisor"), and as shown."""

from __future__ import annotations

from boardapp.core.enums import MemberRole

__all__ = ["ROLE_LABELS", "parse_role", "role_choices"]

ROLE_LABELS: dict[MemberRole, str] = {
    MemberRole.CHAIR: "Chair",
    MemberRole.VICE_CHAIR: "Vice-chair",
    MemberRole.MEMBER: "Member",
    MemberRole.CO_OPTED: "Co-opted member",
    MemberRole.OFFICER: "Officer in attendance",
    MemberRole.ADVISER: "Adviser",
}
_ROLE_WORDS: dict[str, MemberRole] = {
    "chair": MemberRole.CHAIR,
    "chairman": MemberRole.CHAIR,
    "chairwoman": MemberRole.CHAIR,
    "chairperson": MemberRole.CHAIR,
    "chair of the board": MemberRole.CHAIR,
    "vice chair": MemberRole.VICE_CHAIR,
    "vicechair": MemberRole.VICE_CHAIR,
    "vice chairman": MemberRole.VICE_CHAIR,
    "vice chairperson": MemberRole.VICE_CHAIR,
    "deputy chair": MemberRole.VICE_CHAIR,
    "member": MemberRole.MEMBER,
    "board member": MemberRole.MEMBER,
    "full member": MemberRole.MEMBER,
    "voting member": MemberRole.MEMBER,
    "co opted": MemberRole.CO_OPTED,
    "coopted": MemberRole.CO_OPTED,
    "co opted member": MemberRole.CO_OPTED,
    "coopted member": MemberRole.CO_OPTED,
    "officer": MemberRole.OFFICER,
    "officer in attendance": MemberRole.OFFICER,
    "in attendance": MemberRole.OFFICER,
    "adviser": MemberRole.ADVISER,
    "advisor": MemberRole.ADVISER,
    "professional adviser": MemberRole.ADVISER,
    "professional advisor": MemberRole.ADVISER,
}


def parse_role(text: str) -> MemberRole | None:
    """The role a clerk wrote; blank is a member; None when it is not one of the roles."""
    key = " ".join(text.casefold().replace("-", " ").replace("_", " ").replace(".", " ").split())
    if not key:
        return MemberRole.MEMBER
    return _ROLE_WORDS.get(key)


def role_choices() -> str:
    """The roles as a clerk may write them, for messages: "chair, vice-chair, member, ..."."""
    return ", ".join(role.value.replace("_", "-") for role in MemberRole)
