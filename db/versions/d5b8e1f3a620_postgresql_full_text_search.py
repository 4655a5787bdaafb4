"""PostgreSQL full-text search (tsvector with a GIN index); nothing on SQLite

Revision ID: d5b8e1f3a620
Revises: 7c3e5a1f9d26
Create Date: 2026-12-06 17:30:00.000000

Placeholder written by the lead so that two migrations of this session chain linearly; filled in by
the PostgreSQL search work.
"""
from collections.abc import Sequence


revision: str = 'd5b8e1f3a620'
down_revision: str | None = '7c3e5a1f9d26'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
