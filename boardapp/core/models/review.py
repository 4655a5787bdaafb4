"""The chair's offline review copy (issue 16 point 4): who this database is, what a copy holds, what the
chair proposed in it, and which reviews were already brought back.

`DatabaseIdentity` gives every database one uuid (made on first need), so a review copy remembers the
database it came from and the clerk's database refuses a copy made elsewhere. `ReviewCopyInfo` and
`ReviewProposal` live only in a copy; `ReviewImport` lives in the clerk's database, so importing the same
review twice does nothing the second time.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from boardapp.core.models._base import utcnow


class DatabaseIdentity(SQLModel, table=True):
    """One row: this database's uuid. A copy made by the backup API keeps its source's row as is."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class ReviewCopyInfo(SQLModel, table=True):
    """One row, in a review copy only: which review this is, made from which database, of which board."""

    id: int | None = Field(default=None, primary_key=True)
    review_uuid: str = Field(unique=True)
    source_uuid: str  # DatabaseIdentity.uuid of the clerk's database
    board_id: int
    board_name: str = ""
    made_at: datetime = Field(default_factory=utcnow)
    made_by: str = ""
    includes_part2: bool = False  # exempt (Part II) business was included: the clerk ticked the box


class ReviewProposal(SQLModel, table=True):
    """What the chair proposes on an action or plan item: a status, a progress note or a comment."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # "action" | "plan_item"
    record_id: int  # Action.id / PlanItem.id: the same ids as in the clerk's database
    field: str  # "status" | "progress_note" | "comment"
    old_value: str = ""  # as it stood in the copy when proposed (status code / level id; "" for notes)
    proposed_value: str = ""
    comment: str = ""
    made_at: datetime = Field(default_factory=utcnow)
    made_by: str = ""


class ReviewImport(SQLModel, table=True):
    """A review brought back into the clerk's database: importing it again does nothing."""

    id: int | None = Field(default=None, primary_key=True)
    review_uuid: str = Field(unique=True)
    board_id: int | None = None
    imported_at: datetime = Field(default_factory=utcnow)
    imported_by: str = ""
    proposals: int = 0
    accepted: int = 0
    rejected: int = 0
