"""The demonstration's paper files (resources/demo/papers.json), attached to its agenda items.

Kept apart from the seeds (improvement_board.json) so the paper files can change without touching
the minutes. Locations are made absolute against the bundled resources folder when the demo is
loaded, so they open from a checkout, an installed wheel and the frozen app alike.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from boardapp.bundled import resources_dir
from boardapp.core.models import AgendaItem, Meeting, Paper


def attach_demo_papers(session: Session, meetings: dict[str, Meeting]) -> int:
    """Attach every paper file of papers.json to its meeting's item; returns how many."""
    folder = resources_dir() / "demo"
    path = folder / "papers.json"
    if not path.is_file():
        return 0
    entries = json.loads(path.read_text(encoding="utf-8")).get("papers", [])
    attached = 0
    for entry in entries:
        meeting = meetings.get(entry["meeting"])
        if meeting is None:
            raise ValueError(f"demo paper {entry['file']!r}: no demo meeting on {entry['meeting']}")
        item = session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id, AgendaItem.position == int(entry["item"]))
        ).first()
        if item is None:
            raise ValueError(f"demo paper {entry['file']!r}: meeting {entry['meeting']} has no item {entry['item']}")
        location = str((folder / entry["file"]).resolve())
        papers = session.exec(
            select(Paper).where(Paper.agenda_item_id == item.id).order_by(col(Paper.position))
        ).all()
        same = next((p for p in papers if p.title == entry["title"]), None)
        if same is not None:
            same.location = location
            session.add(same)
        else:
            position = 1 + max((p.position for p in papers), default=-1)
            session.add(Paper(agenda_item_id=item.id or 0, position=position, title=entry["title"], location=location))
        attached += 1
    session.flush()
    return attached
