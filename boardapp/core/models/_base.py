"""Shared pieces of the tables: naming convention (so migrations can alter SQLite tables) and clocks."""

from datetime import UTC, datetime

from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timestamps are aware and in UTC: SQLModel stores them as UTC and refuses naive ones."""
    return datetime.now(UTC)


ONE_PARTY = "(person_id IS NULL) <> (role_id IS NULL)"
"""A party (owner, lead, presenter) is exactly one of a person or a role."""
