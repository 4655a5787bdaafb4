"""What goes into a meeting's reports pack, decided from the services' read model
(`services.pack_documents`; no query and no file opened here).

Four variants: the full pack (agenda and every paper); the public pack (Part II papers replaced
by a notice giving only the Schedule 12A paragraph and its statutory description); the Part II
supplement (only the exempt papers, marked CONFIDENTIAL); and a numbered supplementary pack (the
papers no earlier pack of the meeting held, from the publication record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlmodel import Session

from boardapp.exporting.errors import ExportError, MeetingNotFound
from boardapp.services.pack_documents import pack_source


class PackVariant(StrEnum):
    FULL = "full"
    PUBLIC = "public"
    PART_II = "part ii"
    SUPPLEMENT = "supplement"


# The `Publication.kind` each variant is recorded as.
PUBLICATION_KIND = {
    PackVariant.FULL: "pack",
    PackVariant.PUBLIC: "public pack",
    PackVariant.PART_II: "part ii supplement",
    PackVariant.SUPPLEMENT: "supplementary pack",
}
PACK_KINDS = tuple(PUBLICATION_KIND.values())


class NothingToPack(ExportError):
    """The variant asked for would hold no papers (no exempt papers, nothing added since publication)."""


@dataclass(frozen=True)
class PlannedPaper:
    paper_id: int
    title: str
    location: str


@dataclass(frozen=True)
class PlannedItem:
    number: str
    title: str  # already the public wording when the public pack may not name the item
    exempt: bool
    paragraph: str  # Schedule 12A paragraph(s) as the clerk wrote them
    papers: tuple[PlannedPaper, ...]
    withheld: bool = False  # public pack: the papers are replaced by a notice


@dataclass(frozen=True)
class PackPlan:
    meeting_id: int
    variant: PackVariant
    board_name: str
    meeting_date: dt.date
    items: tuple[PlannedItem, ...]
    with_agenda: bool
    supplement_number: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def paper_ids(self) -> list[int]:
        return [p.paper_id for item in self.items if not item.withheld for p in item.papers]


def plan_pack(session: Session, meeting_id: int, variant: PackVariant | str) -> PackPlan:
    """The items and papers of the pack, in agenda order; raises NothingToPack when empty."""
    variant = PackVariant(variant)
    source = pack_source(session, meeting_id)
    if source is None:
        raise MeetingNotFound("", None, [], detail=f"There is no meeting with id {meeting_id}.")

    supplement_number = None
    already: set[int] = set()
    if variant is PackVariant.SUPPLEMENT:
        earlier = [row for row in source.published if row.kind in PACK_KINDS]
        if not earlier:
            raise NothingToPack(
                "No pack of this meeting has been published yet, so there is nothing to supplement: "
                "publish the full pack first."
            )
        already = {paper_id for row in earlier for paper_id in row.paper_ids}
        supplement_number = 1 + sum(1 for row in earlier if row.kind == PUBLICATION_KIND[PackVariant.SUPPLEMENT])

    planned: list[PlannedItem] = []
    for index, item in enumerate(source.items, start=1):  # numbered as the agenda numbers them (builders.py)
        chosen = [p for p in item.papers if p.id not in already]
        if variant is PackVariant.PART_II and not item.is_exempt:
            continue
        if variant is PackVariant.SUPPLEMENT and not chosen:
            continue
        withheld = variant is PackVariant.PUBLIC and item.is_exempt
        title = item.title
        if withheld and not item.show_title_when_exempt:
            title = "Exempt item (Part II)"
        planned.append(
            PlannedItem(
                number=str(index),
                title=title,
                exempt=item.is_exempt,
                paragraph=item.exempt_paragraph,
                papers=tuple(PlannedPaper(p.id, p.title, p.location) for p in chosen),
                withheld=withheld,
            )
        )
    if variant is PackVariant.PART_II and not any(item.papers for item in planned):
        raise NothingToPack("This meeting has no exempt (Part II) papers, so there is no Part II supplement to build.")
    if variant is PackVariant.SUPPLEMENT and not planned:
        raise NothingToPack("No papers were added to this meeting since its last published pack.")
    return PackPlan(
        meeting_id=meeting_id,
        variant=variant,
        board_name=source.board_name,
        meeting_date=source.meeting_date,
        items=tuple(planned),
        with_agenda=variant in (PackVariant.FULL, PackVariant.PUBLIC),
        supplement_number=supplement_number,
    )


def resolve_location(location: str, base: Path | None = None) -> Path:
    """A paper's file: absolute as stored, or relative to `base` (the folder the clerk works from)."""
    path = Path(location).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    return path
