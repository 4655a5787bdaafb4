"""No lost updates: a record two clerks may edit at once carries a version, checked on write.

Why an explicit `UPDATE … SET version = version + 1 WHERE id = :id AND version = :expected` rather
than SQLAlchemy's `version_id_col`: the version that matters is the one the clerk's *editor* loaded
(minutes ago, in another session), not the one this short transaction read; and internal callers
(imports, renumbering, stamping) must be able to write without a check (`expected_version=None`),
which still bumps the version so that any editor open on the record notices. The conditional
UPDATE is atomic in the database, so two copies of the app on one file cannot both pass the check.

A refused write raises `EditConflict` before anything is written, carrying both texts: the GUI
shows them side by side (gui/dialogs/conflict.py) and saves the clerk's choice with the new version.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select, update
from sqlmodel import Session

from boardapp.services.errors import NotFound, ServiceError


class EditConflict(ServiceError):
    """Someone else saved the record since this editor loaded it; nothing was written."""

    def __init__(
        self, kind: str, record_id: int, *, theirs: str, current_version: int, mine: str, field: str = "text"
    ) -> None:
        self.kind = kind  # "minute" (record_id is the agenda item's id), "action", "agenda item", "plan item"
        self.record_id = record_id
        self.theirs = theirs  # the text now stored (the other clerk's)
        self.current_version = current_version  # save again with this to overwrite knowingly
        self.mine = mine  # the text that was being saved
        self.field = field  # the edited field: "notes", "text", "title"
        super().__init__(
            f"Someone else changed this {kind} while you were editing it. Nothing was lost: "
            "compare the two texts and keep one or merge them."
        )


def claim_version(
    session: Session,
    table: Table,
    record_id: int,
    expected_version: int | None,
    *,
    kind: str,
    field: str,
    mine: str,
    key: str = "id",
) -> int:
    """Bump the record's version (only if it is still `expected_version`, when given); the new version.

    Call before changing anything else, so that a conflict leaves the transaction untouched.
    `key` names the column that `record_id` is matched on (a minute is found by its agenda item).
    """
    column = table.c[key]
    statement: Any = update(table).where(column == record_id).values(version=table.c.version + 1)
    if expected_version is not None:
        statement = statement.where(table.c.version == expected_version)
    result: Any = session.execute(statement)
    if result.rowcount == 1:
        return (expected_version + 1) if expected_version is not None else _version(session, table, column, record_id)
    row = session.execute(select(table.c[field], table.c.version).where(column == record_id)).first()
    if row is None:
        raise NotFound(f"That {kind} no longer exists.")
    raise EditConflict(kind, record_id, theirs=str(row[0]), current_version=int(row[1]), mine=mine, field=field)


def _version(session: Session, table: Table, column: Any, record_id: int) -> int:
    return int(session.execute(select(table.c.version).where(column == record_id)).scalar_one())


def table_of(model: type[Any]) -> Table:
    """The Core table of a SQLModel class (typed, for the conditional UPDATE)."""
    table: Table = model.__table__
    return table
