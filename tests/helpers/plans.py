"""Small readers shared by the plan tests."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session, col, select

from boardapp.core.models import Action, Plan, PlanItem
from boardapp.services.plans import PlanNode, PlanTree, plan_tree
from boardapp.store.database import Store

DEMO_12_WEEK = "12 Week Improvement Plan August – October 2017"
DEMO_DEVELOPMENT = "Better for Children: Lancashire's Children's Services Development Plan November 2018 - 19"
HEAT_MAPS = "Heat maps report on recruitment and retention"
WORKFORCE_DASHBOARD = "Workforce Strategy performance dashboard produced and monitored regularly"


def tree(store: Store, plan_id: int) -> PlanTree:
    with store.session() as session:
        return plan_tree(session, plan_id)


def shape(store: Store, plan_id: int) -> list[tuple[int, str, str]]:
    """(depth, ref, text) of every entry, depth first: the tree as the user sees it."""
    found: list[tuple[int, str, str]] = []

    def walk(nodes: tuple[PlanNode, ...], depth: int) -> None:
        for node in nodes:
            found.append((depth, node.ref, node.text))
            walk(node.children, depth + 1)

    walk(tree(store, plan_id).roots, 0)
    return found


def positions(session: Session, plan_id: int) -> dict[int | None, list[int]]:
    """Sibling positions per parent, in position order: they must stay 0..n-1."""
    found: dict[int | None, list[int]] = {}
    for item in session.exec(select(PlanItem).where(PlanItem.plan_id == plan_id).order_by(col(PlanItem.position))):
        found.setdefault(item.parent_id, []).append(item.position)
    return found


def plan_id_named(session: Session, name: str) -> int:
    return session.exec(select(Plan.id).where(Plan.name == name)).one() or 0


def item_id_starting(session: Session, plan_id: int, start: str) -> int:
    return (
        session.exec(select(PlanItem.id).where(PlanItem.plan_id == plan_id, col(PlanItem.text).startswith(start))).one()
        or 0
    )


def action_id_starting(session: Session, start: str) -> int:
    return session.exec(select(Action.id).where(col(Action.text).startswith(start))).one() or 0


def foreign_key_problems(session: Session) -> list[tuple[object, ...]]:
    return [tuple(row) for row in session.connection().execute(text("PRAGMA foreign_key_check")).all()]
