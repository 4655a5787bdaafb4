"""search(): ranking, snippets, prefixes and phrases, filters, confidential results, where to go."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from boardapp.core.models import AgendaItem
from boardapp.services.search import KIND_ORDER, SearchHit, SearchResults, search
from boardapp.store.database import Store
from boardapp.store.fts import IndexedKind
from tests.helpers.search_world import AUGUST, JULY, MARCH, REPORTED, World

MINUTE, DECISION, ACTION, ITEM = IndexedKind.MINUTE, IndexedKind.DECISION, IndexedKind.ACTION, IndexedKind.AGENDA_ITEM
PLAN, REC, KPI = IndexedKind.PLAN_ITEM, IndexedKind.RECOMMENDATION, IndexedKind.KPI


def ids(results: SearchResults, kind: IndexedKind) -> list[int]:
    group = results.group(kind)
    return [hit.id for hit in group.hits] if group else []


def all_hits(results: SearchResults) -> list[SearchHit]:
    return list(results.hits)


# -- ranking and snippets ------------------------------------------------------------------------


def test_a_title_match_and_many_mentions_rank_above_a_passing_mention(session: Session, world: World) -> None:
    results = search(session, "zebra", as_you_type=False)
    minutes = ids(results, MINUTE)
    # "Zebra crossings" has the word in its item title; "Any other business" says it four times
    # in a short minute; "Transport update" mentions it once in a long one.
    assert minutes.index(world.minutes["zebra"]) < minutes.index(world.minutes["transport"])
    assert minutes.index(world.minutes["aob"]) < minutes.index(world.minutes["transport"])
    assert minutes[-1] == world.minutes["transport"]
    ranks = [hit.rank for hit in results.group(MINUTE).hits]  # type: ignore[union-attr]
    assert ranks == sorted(ranks)


def test_results_are_grouped_by_kind_in_a_fixed_order_with_totals(session: Session, world: World) -> None:
    results = search(session, "zebra")
    kinds = [group.kind for group in results.groups]
    assert kinds == [k for k in KIND_ORDER if k in kinds]
    assert set(kinds) == {MINUTE, DECISION, ACTION, ITEM, PLAN, KPI}
    assert results.group(MINUTE).label == "Minutes"  # type: ignore[union-attr]
    assert results.group(MINUTE).total == 4  # type: ignore[union-attr]
    assert results.total == sum(len(group.hits) for group in results.groups)


def test_every_snippet_shows_the_match(session: Session, world: World) -> None:
    results = search(session, "zebra", as_you_type=False)
    assert results.hits
    for hit in results.hits:
        matched = [fragment.text for fragment in hit.snippet if fragment.is_match]
        assert matched, hit
        assert all(text.casefold() == "zebra" for text in matched), hit
        assert "«" in hit.snippet_text and "»" in hit.snippet_text
        assert "\n" not in hit.snippet_text and "\x02" not in hit.snippet_text


def test_the_snippet_of_a_long_minute_is_cut_around_the_match(session: Session, world: World) -> None:
    hit = next(h for h in search(session, "zebra").hits if h.kind is MINUTE and h.id == world.minutes["transport"])
    assert hit.snippet_text.startswith("…") or hit.snippet_text.endswith("…")
    assert len(hit.snippet_text) < 250


def test_a_match_in_the_title_only_shows_the_title(session: Session, world: World) -> None:
    hit = next(h for h in search(session, "crossings").hits if h.kind is MINUTE)
    assert hit.id == world.minutes["zebra"]
    assert hit.snippet_text == "Zebra «crossings»"


# -- query language --------------------------------------------------------------------------------


def test_the_last_word_is_a_prefix_while_typing(session: Session, world: World) -> None:
    assert ids(search(session, "zeb"), MINUTE)
    assert not search(session, "zeb", as_you_type=False).hits
    assert not search(session, "zeb ").hits  # the word is finished
    assert ids(search(session, "zeb*", as_you_type=False), MINUTE)
    assert ids(search(session, "Kingf"), ACTION) == [world.actions["kingfisher"]]


def test_words_must_all_appear(session: Session, world: World) -> None:
    assert ids(search(session, "zebra count"), MINUTE) == [world.minutes["aob"]]
    assert search(session, "zebra kingfisher").is_empty


def test_phrases(session: Session, world: World) -> None:
    found = search(session, '"heat maps"')
    assert ids(found, MINUTE) == [world.minutes["heat"]]
    assert ids(found, ACTION) == [world.actions["heat"]]
    assert ids(found, ITEM) == [world.items["heat"]]
    assert search(session, '"maps heat"').is_empty
    assert ids(search(session, "maps heat"), MINUTE) == [world.minutes["heat"]]  # words in any order
    assert ids(search(session, '"heat ma'), MINUTE) == [world.minutes["heat"]]  # a phrase being typed
    hit = found.group(ACTION).hits[0]  # type: ignore[union-attr]
    assert "«Heat maps»" in hit.snippet_text or "«Heat» «maps»" in hit.snippet_text


def test_case_and_accents_do_not_matter(session: Session, world: World) -> None:
    assert ids(search(session, "cafe"), MINUTE) == [world.minutes["heat"]]
    assert ids(search(session, "CAFÉ"), MINUTE) == [world.minutes["heat"]]
    assert ids(search(session, "ZEBRA"), MINUTE)


def test_search_operators_are_plain_words(session: Session, world: World) -> None:
    # Raw FTS5 would read these as syntax; here they are words that must appear.
    assert search(session, "zebra NOT count").is_empty  # "not" appears in no minute
    assert ids(search(session, "-zebra"), MINUTE)  # a dash is punctuation, not exclusion
    assert ids(search(session, "zebra AND"), MINUTE) == ids(search(session, "zebra and"), MINUTE)


def test_an_empty_query_gives_empty_results(session: Session, world: World) -> None:
    for query in ("", "   ", '""', "***", "…", "– —"):
        results = search(session, query)
        assert results.is_empty and results.total == 0 and results.match == ""


# -- filters ---------------------------------------------------------------------------------------


def test_board_filter(session: Session, world: World) -> None:
    mash = search(session, "zebra", board_id=world.other_board)
    assert [(hit.kind, hit.id) for hit in mash.hits] == [(MINUTE, world.minutes["mash"])]
    assert mash.hits[0].board_name == "MASH Board"
    improvement = search(session, "zebra", board_id=world.board)
    assert world.minutes["mash"] not in ids(improvement, MINUTE)
    assert ids(improvement, PLAN) == [world.plan_item]  # plan items belong to their plan's board
    assert ids(improvement, KPI) == [world.kpi]
    assert search(session, "zebra", board_id=999).is_empty


def test_date_filters_are_inclusive_and_leave_out_undated_things(session: Session, world: World) -> None:
    on_the_day = search(session, "zebra", date_from=AUGUST, date_to=AUGUST)
    assert {hit.date for hit in on_the_day.hits} == {AUGUST}
    assert set(ids(on_the_day, MINUTE)) == {world.minutes[k] for k in ("zebra", "transport", "aob")}
    assert not ids(on_the_day, PLAN) and not ids(on_the_day, KPI)  # no date: not in a date range

    before = search(session, "zebra", date_to=dt.date(2017, 7, 31))
    assert [(hit.kind, hit.id) for hit in before.hits] == [(MINUTE, world.minutes["mash"])]
    after = search(session, "zebra", date_from=dt.date(2017, 8, 2))
    assert after.is_empty

    later = search(session, "heat maps permanence report", date_from=dt.date(2018, 1, 1))
    assert later.is_empty  # all words must appear in one thing
    assert ids(search(session, "permanence", date_from=dt.date(2018, 8, 1)), REC) == [world.recommendation]
    assert search(session, "permanence", date_to=dt.date(2018, 7, 31)).is_empty
    assert search(session, "zebra", date_from=MARCH, date_to=AUGUST).is_empty  # from after to


def test_filters_combine(session: Session, world: World) -> None:
    found = search(session, "heat", board_id=world.board, date_from=dt.date(2018, 3, 1), date_to=dt.date(2018, 3, 31))
    assert {hit.kind for hit in found.hits} == {MINUTE, ACTION, ITEM}
    assert search(session, "heat", board_id=world.other_board, date_from=dt.date(2018, 3, 1)).is_empty


def test_kinds_and_limits(session: Session, world: World) -> None:
    only_actions = search(session, "zebra", kinds=[ACTION])
    assert [group.kind for group in only_actions.groups] == [ACTION]
    limited = search(session, "zebra", limit_per_kind=1)
    group = limited.group(MINUTE)
    assert group is not None and len(group.hits) == 1 and group.total == 4
    counted = search(session, "zebra", limit_per_kind=0)
    assert counted.group(MINUTE).total == 4 and not counted.hits  # type: ignore[union-attr]


# -- confidential (Part II) results ----------------------------------------------------------------


def test_results_from_an_exempt_item_are_confidential(session: Session, world: World) -> None:
    found = search(session, "kingfisher")
    assert {(hit.kind, hit.id) for hit in found.hits} == {
        (MINUTE, world.minutes["staffing"]),
        (ACTION, world.actions["kingfisher"]),
    }
    assert all(hit.confidential for hit in found.hits)
    assert not any(hit.confidential for hit in search(session, "zebra").hits)
    staffing = search(session, "staffing")
    assert staffing.group(ITEM).hits[0].confidential  # type: ignore[union-attr]


def test_confidential_results_can_be_left_out(session: Session, world: World) -> None:
    assert search(session, "kingfisher", include_confidential=False).is_empty
    assert ids(search(session, "zebra", include_confidential=False), MINUTE)


def test_an_item_made_exempt_afterwards_makes_its_minute_confidential(store: Store, world: World) -> None:
    with store.transaction() as session:
        item = session.get(AgendaItem, world.items["zebra"])
        assert item is not None
        item.is_exempt = True
        session.add(item)
    with store.session() as session:
        hits = {(hit.kind, hit.id): hit for hit in search(session, "zebra").hits}
        assert hits[(MINUTE, world.minutes["zebra"])].confidential
        assert hits[(DECISION, world.decisions["zebra"])].confidential
        assert hits[(ITEM, world.items["zebra"])].confidential
        assert not hits[(MINUTE, world.minutes["aob"])].confidential
        assert (MINUTE, world.minutes["zebra"]) not in {
            (h.kind, h.id) for h in search(session, "zebra", include_confidential=False).hits
        }
    with store.transaction() as session:
        item = session.get(AgendaItem, world.items["zebra"])
        assert item is not None
        item.is_exempt = False
        session.add(item)
    with store.session() as session:
        assert not any(hit.confidential for hit in search(session, "zebra").hits)


# -- labels and where to go ------------------------------------------------------------------------


def test_each_hit_says_where_it_lives(session: Session, world: World) -> None:
    hits = {(hit.kind, hit.id): hit for hit in search(session, "zebra").hits}
    minute = hits[(MINUTE, world.minutes["zebra"])]
    assert (minute.title, minute.board_name, minute.date) == ("Zebra crossings", "Improvement Board", AUGUST)
    assert (minute.meeting_id, minute.agenda_item_id, minute.context) == (world.august, world.items["zebra"], "Item 1")
    decision = hits[(DECISION, world.decisions["zebra"])]
    assert (decision.meeting_id, decision.agenda_item_id) == (world.august, world.items["zebra"])
    action = hits[(ACTION, world.actions["zebra"])]
    assert (action.title, action.action_id, action.meeting_id, action.agenda_item_id) == (
        "IB-20170801-02", world.actions["zebra"], world.august, world.items["transport"],
    )  # fmt: skip
    item = hits[(ITEM, world.items["zebra"])]
    assert (item.agenda_item_id, item.meeting_id) == (world.items["zebra"], world.august)
    plan_item = hits[(PLAN, world.plan_item)]
    assert (plan_item.title, plan_item.context, plan_item.plan_id, plan_item.plan_item_id) == (
        "1.1", "Plan Z", world.plan, world.plan_item,
    )  # fmt: skip
    assert plan_item.date is None and plan_item.board_name == "Improvement Board"
    kpi = hits[(KPI, world.kpi)]
    assert (kpi.title, kpi.kpi_id, kpi.plan_id) == ("KPI 7", world.kpi, world.plan)
    recommendation = search(session, "permanence").hits[0]
    assert (recommendation.title, recommendation.context, recommendation.date) == (
        "Recommendation 3", "Ofsted inspection", REPORTED,
    )  # fmt: skip
    assert recommendation.recommendation_id == world.recommendation
    mash = hits[(MINUTE, world.minutes["mash"])]
    assert (mash.board_name, mash.date) == ("MASH Board", JULY)


# -- on the demo data (the seeds) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("MASH", {MINUTE, ACTION, PLAN}),
        ("heat maps", {MINUTE, ACTION, ITEM}),
        ("Ofsted", {MINUTE, PLAN}),
        ("permanence", {MINUTE, PLAN, REC}),
    ],
)
def test_the_demo_finds_what_the_seeds_say(demo_store: Store, query: str, kinds: set[IndexedKind]) -> None:
    with demo_store.session() as session:
        found = search(session, query)
    assert kinds <= {group.kind for group in found.groups}
    for hit in found.hits:
        assert any(f.is_match for f in hit.snippet), hit
        assert hit.title
    board = "Lancashire Children's Services Improvement Board"
    assert {hit.board_name for hit in found.hits if hit.kind in (MINUTE, ACTION, ITEM)} <= {board}


def test_the_demo_heat_maps_action_goes_to_its_meeting(demo_store: Store) -> None:
    with demo_store.session() as session:
        action = search(session, '"heat maps"').group(ACTION).hits[0]  # type: ignore[union-attr]
    assert action.date == dt.date(2017, 8, 1)
    assert action.meeting_id is not None and action.agenda_item_id is not None
    assert action.title.startswith("IB-20170801-")
    assert "«Heat maps»" in action.snippet_text
