"""A small, fully known world for the search tests, built with the ORM.

Words are chosen so each test knows exactly what must match: "zebra" is spread with different
weights (in a title, many times in a short minute, once in a long one), "kingfisher" lives only
in an exempt (Part II) item, "heat maps" is a phrase, "café" has an accent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session, SQLModel

from boardapp.core.enums import PlanItemKind, ReviewKind
from boardapp.core.models import (
    Action,
    AgendaItem,
    Board,
    Decision,
    Kpi,
    Meeting,
    Minute,
    Plan,
    PlanItem,
    Recommendation,
    ReviewSource,
)
from boardapp.store.fts import INDEX_TABLE, IndexedKind

AUGUST = dt.date(2017, 8, 1)
MARCH = dt.date(2018, 3, 6)
JULY = dt.date(2017, 7, 20)
REPORTED = dt.date(2018, 8, 1)
LONG_NOTES = " ".join(["The board received the transport report and asked questions about buses."] * 12)
LONG_NOTES = LONG_NOTES.replace("buses.", "buses near a zebra crossing.", 1)


@dataclass
class World:
    board: int = 0
    other_board: int = 0
    august: int = 0
    march: int = 0
    july: int = 0
    items: dict[str, int] = field(default_factory=dict)
    minutes: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, int] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)
    plan: int = 0
    plan_item: int = 0
    source: int = 0
    recommendation: int = 0
    kpi: int = 0


def _add(session: Session, row: SQLModel) -> Any:
    session.add(row)
    session.flush()
    return row.id  # type: ignore[attr-defined]


def build_world(session: Session) -> World:
    w = World()
    w.board = _add(session, Board(name="Improvement Board", short_name="IB"))
    w.other_board = _add(session, Board(name="MASH Board", short_name="MASH"))
    w.august = _add(session, Meeting(board_id=w.board, date=AUGUST, start_time=dt.time(14, 30)))
    w.march = _add(session, Meeting(board_id=w.board, date=MARCH, start_time=dt.time(14, 30)))
    w.july = _add(session, Meeting(board_id=w.other_board, date=JULY))

    def item(key: str, meeting: int, position: int, title: str, notes: str = "", **kwargs: Any) -> int:
        w.items[key] = _add(session, AgendaItem(meeting_id=meeting, position=position, title=title, **kwargs))
        if notes:
            w.minutes[key] = _add(session, Minute(agenda_item_id=w.items[key], notes=notes))
        return w.items[key]

    item("zebra", w.august, 1, "Zebra crossings", "The board discussed road safety near the schools.")
    item("transport", w.august, 2, "Transport update", LONG_NOTES)
    item(
        "staffing", w.august, 3, "Staffing matter in the North", "The kingfisher restructure was discussed in private.",
        is_exempt=True, exempt_paragraph="1", exempt_reason="Information relating to an individual",
    )  # fmt: skip
    item("aob", w.august, 4, "Any other business", "Zebra, zebra, zebra: the zebra count rose again.")
    item("heat", w.march, 1, "Heat maps: recruitment and retention", "The heat maps were presented at the Café.")
    item("mash", w.july, 1, "MASH front door", "A zebra was seen at the MASH front door.")
    item("spare", w.march, 2, "Spare item")  # no minute yet
    item("spare2", w.march, 3, "Another spare item")
    w.decisions["zebra"] = _add(
        session, Decision(agenda_item_id=w.items["zebra"], text="Resolved: the zebra crossing scheme was approved.")
    )

    def action(key: str, meeting: int, item_key: str, ref: str, text: str) -> None:
        board = w.other_board if meeting == w.july else w.board
        exempt = item_key == "staffing"  # stamped as the services stamp business of an exempt item
        w.actions[key] = _add(
            session,
            Action(
                board_id=board, ref=ref, text=text, raised_meeting_id=meeting, raised_item_id=w.items[item_key],
                is_exempt=exempt, exempt_paragraph="1" if exempt else "",
            ),
        )  # fmt: skip

    action("kingfisher", w.august, "staffing", "IB-20170801-01", "Kingfisher report to come back in private")
    action("zebra", w.august, "transport", "IB-20170801-02", "Review the cost of zebra crossings")
    action("heat", w.march, "heat", "IB-20180306-01", "Heat maps report for the April meeting")

    w.plan = _add(session, Plan(name="Plan Z", board_id=w.board))
    w.plan_item = _add(
        session,
        PlanItem(
            plan_id=w.plan, kind=PlanItemKind.ACTION, ref="1.1", text="Improve zebra crossing safety",
            outcomes="Fewer accidents", evidence_of_impact="Audit of pelican crossings",
        ),
    )  # fmt: skip
    w.source = _add(session, ReviewSource(kind=ReviewKind.INSPECTION, title="Ofsted inspection", reported_on=REPORTED))
    w.recommendation = _add(
        session,
        Recommendation(source_id=w.source, plan_id=w.plan, ref="3", text="Ensure permanence planning is monitored"),
    )
    w.kpi = _add(session, Kpi(plan_id=w.plan, ref="KPI 7", measure="Zebra crossing accidents per month"))
    return w


@dataclass(frozen=True)
class IndexRow:
    title: str
    body: str
    facets: str
    board_id: int | None
    meeting_date: str | None
    exempt: int


def index_row(connection: Connection, kind: IndexedKind, ref_id: int) -> IndexRow | None:
    row = connection.exec_driver_sql(
        f"SELECT title, body, facets, board_id, meeting_date, exempt, kind, ref_id FROM {INDEX_TABLE} WHERE rowid = ?",
        (kind.rowid(ref_id),),
    ).first()
    if row is None:
        return None
    assert (row[6], row[7]) == (kind.key, ref_id)
    return IndexRow(*row[:6])


def index_contents(connection: Connection) -> dict[int, tuple[Any, ...]]:
    rows = connection.exec_driver_sql(
        f"SELECT rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt FROM {INDEX_TABLE}"
    ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def matches(connection: Connection, fts_query: str) -> set[int]:
    rows = connection.exec_driver_sql(f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH ?", (fts_query,))
    return {row[0] for row in rows}
