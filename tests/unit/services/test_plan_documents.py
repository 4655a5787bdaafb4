"""The read models the plan report and evidence pack take beyond the plan view's (services/plan_documents.py)."""

from __future__ import annotations

from sqlmodel import select

from boardapp.core.enums import ActionStatus, DueKind
from boardapp.core.models import Action, AgendaItem, Board, Plan
from boardapp.services import golden_thread, plan_documents, plans
from boardapp.store.database import Store
from tests.helpers.plan_report import (
    APRIL,
    AUDIT_DECISION,
    AUDIT_UPDATE,
    EXEMPT_DECISION,
    FEBRUARY,
    NEGLECT_DECISION,
    enrich_demo,
)
from tests.helpers.querycount import count_queries


def test_board_action_records_carry_what_the_evidence_pack_prints(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        enriched = enrich_demo(session)
        ids = {
            what: session.exec(select(Action.id).where(Action.ref == ref)).one() or 0
            for what, ref in enriched.actions.items()
        }
        records = plan_documents.board_action_records(session, [*ids.values(), 999_999])
        exempt_item = session.get(AgendaItem, records[ids["exempt"]].raised_item_id)
        assert exempt_item is not None and exempt_item.show_title_when_exempt
        exempt_item.show_title_when_exempt = False  # the clerk withholds its title from public versions
        session.add(exempt_item)
        session.flush()
        withheld = plan_documents.board_action_records(session, [ids["exempt"]])[ids["exempt"]]
    assert set(records) == set(ids.values())  # a missing action is left out, not an error
    neglect, audit, exempt = records[ids["neglect"]], records[ids["audit"]], records[ids["exempt"]]
    assert neglect.closed_on == FEBRUARY and neglect.due_kind is DueKind.FUTURE_MEETING
    assert [d.text for d in neglect.decisions] == [NEGLECT_DECISION]
    (update,) = neglect.updates
    assert update.recorded_on == FEBRUARY and update.meeting_date == FEBRUARY
    assert update.status_to is ActionStatus.CLOSED
    assert [(u.note, u.meeting_date) for u in audit.updates] == [(AUDIT_UPDATE, APRIL)]
    assert [d.text for d in audit.decisions] == [AUDIT_DECISION] and audit.closed_on is None
    # Part II: the record says the item is exempt and its title withheld; the decision keeps its own stamp.
    assert exempt.raised_item_exempt and not exempt.raised_item_title_withheld
    assert withheld.raised_item_exempt and withheld.raised_item_title_withheld
    assert [(d.text, d.is_exempt) for d in exempt.decisions] == [(EXEMPT_DECISION, False)]
    assert not audit.raised_item_exempt and not audit.raised_item_title_withheld


def test_board_action_records_cost_the_same_queries_for_one_action_or_all(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        enrich_demo(session)
        every = [i or 0 for i in session.exec(select(Action.id)).all()]
        assert len(every) > 10
        with count_queries(demo_store.engine) as one:
            plan_documents.board_action_records(session, every[:1])
        with count_queries(demo_store.engine) as many:
            records = plan_documents.board_action_records(session, every)
    assert len(records) == len(every)
    assert many.count == one.count <= 5


def test_kpis_by_item_in_ref_order(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        enriched = enrich_demo(session)
        found = plan_documents.kpis_by_item(session, list(enriched.items.values()))
    assert {item: [k.ref for k in rows] for item, rows in found.items()} == {
        enriched.items["1.2.5"]: ["1a"],
        enriched.items["3.3.4"]: ["1b"],
    }
    (assessments,) = found[enriched.items["3.3.4"]]
    assert [p.value for p in assessments.values] == [78.0, 80.5, 81.2]
    assert assessments.plan_item_refs == ("3.3.4",)


def test_the_plan_tree_names_its_scale_and_a_whole_plans_board_actions_read_at_once(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        enriched = enrich_demo(session)
        tree = plans.plan_tree(session, enriched.plan_id)
        ids = [node.id for node in tree.walk()]
        with count_queries(demo_store.engine) as queries:
            linked = golden_thread.board_actions_by_item(session, ids)
        one = golden_thread.plan_item_thread(session, enriched.items["3.3.4"])
    assert tree.progress_scale_name  # the demo plan is rated on a named RAG scale
    assert queries.count <= 3
    assert set(linked) == {enriched.items[ref] for ref in ("1.2.1", "1.3.6", "3.3.1", "3.3.4", "4.7.5")}
    assert linked[enriched.items["3.3.4"]] == one.board_actions  # what the plan page's thread shows
    (audit,) = one.board_actions
    assert audit.ref == enriched.actions["audit"] and audit.position == 1 and audit.exempt_paragraph == ""
    (exempt,) = linked[enriched.items["4.7.5"]]
    assert exempt.ref == enriched.actions["exempt"]
    # The demo's own Part II action carries its stamp's paragraph into the brief (the report marks it).
    with demo_store.session() as session:
        stamped = session.exec(select(Action.id).where(Action.is_exempt)).one() or 0
        assert golden_thread.action_thread(session, stamped).action.exempt_paragraph == "1"


def test_from_an_empty_database(store: Store) -> None:
    with store.transaction() as session:
        assert plan_documents.kpis_by_item(session, []) == {}
        assert plan_documents.board_action_records(session, []) == {}
        assert golden_thread.board_actions_by_item(session, []) == {}
        board = Board(name="Schools Forum")
        session.add(board)
        session.flush()
        plan = Plan(name="New plan", board_id=board.id)  # no scale, no entries yet
        session.add(plan)
        session.flush()
        empty = plans.plan_tree(session, plan.id or 0)
    assert empty.progress_scale_name == "" and empty.roots == () and empty.board_name == "Schools Forum"
