"""Issue 14: plans in layouts the importer was not written for import with warnings, not refusals.

Four layouts of one plan (tests/fixtures/plans/unfamiliar.py), two Excel and two Word; every
action row is checked against the facts the fixture was written from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import Session, col, select

from boardapp.core.enums import PlanItemKind, ScaleKind
from boardapp.core.models import (
    Plan,
    PlanItem,
    PlanItemLead,
    PlanItemRecommendation,
    PlanStatusChange,
    Recommendation,
    ReviewSource,
    Role,
    StatusLevel,
    StatusScale,
)
from boardapp.home import AppHome
from boardapp.importing.plans import build_plan_draft, split_ratings
from boardapp.importing.tables import read_tables
from boardapp.services.plan_import import (
    PlanImportPreview,
    PreviewNode,
    apply_plan_import,
    preview_plan_import,
    split_lead_cell,
)
from boardapp.store.database import Store, open_store
from tests.fixtures.plans import unfamiliar
from tests.fixtures.plans.unfamiliar import AREAS, Row

LAYOUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "sheets.xlsx": (unfamiliar.sheets_xlsx, "xlsx"),
    "headings.docx": (unfamiliar.headings_docx, "docx"),
    "single.xlsx": (unfamiliar.single_sheet_xlsx, "xlsx"),
    "merged.docx": (unfamiliar.merged_docx, "docx"),
}
WITH_OBJECTIVES = {"sheets.xlsx", "single.xlsx", "merged.docx"}
WITH_IMPACT = {"sheets.xlsx", "headings.docx"}
WITH_EVIDENCE = {"sheets.xlsx"}
CONTINUATIONS = sum(len(r.due) - 1 for a in AREAS for r in a.rows)
ACTIONS = sum(len(a.rows) for a in AREAS)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("unfamiliar")
    return {name: build(folder / name) for name, (build, _kind) in LAYOUTS.items()}


def _preview(store: Store, path: Path, **options: object) -> PlanImportPreview:
    with store.session() as session:
        return preview_plan_import(session, path, plan_name="Improving Outcomes", **options)  # type: ignore[arg-type]


def _expected_rec(layout: str, row: Row) -> tuple[str, ...]:
    return (row.rec[1:],) if layout == "single.xlsx" else (row.rec,)


def _leads(row: Row) -> list[tuple[str, bool]]:
    return [*row.leads, *([(row.continuation_lead, False)] if row.continuation_lead else [])]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_row_of_each_layout_is_read(store: Store, files: dict[str, Path], layout: str) -> None:
    preview = _preview(store, files[layout], create_scale=True)

    assert preview.file_kind == LAYOUTS[layout][1]
    assert not preview.errors, [f"{p.where}: {p.message}" for p in preview.errors]
    assert preview.counts[PlanItemKind.KEY_AREA] == 9
    assert preview.counts[PlanItemKind.OBJECTIVE] == (9 if layout in WITH_OBJECTIVES else 0)
    assert preview.counts[PlanItemKind.ACTION] == ACTIONS
    assert [root.text for root in preview.roots] == [area.name for area in AREAS]
    for root, area in zip(preview.roots, AREAS, strict=True):
        assert root.kind is PlanItemKind.KEY_AREA
        if layout in WITH_OBJECTIVES:
            (objective,) = root.children
            assert (objective.kind, objective.text) == (PlanItemKind.OBJECTIVE, area.target)
            actions: tuple[PreviewNode, ...] = objective.children
        else:
            actions = root.children
        assert len(actions) == len(area.rows)
        for node, row in zip(actions, area.rows, strict=True):
            assert node.kind is PlanItemKind.ACTION
            assert node.text == row.action
            assert node.ref == ""  # the Ref column holds recommendation codes, not action refs
            assert node.due_text == "\n".join(row.due), "due text kept verbatim, continuation rows joined"
            assert [(lead.text, lead.is_role) for lead in node.leads] == _leads(row)
            assert node.status_codes == tuple(r.upper() for r in row.progress)
            assert node.status_history == row.progress
            assert node.status_label == row.progress[-1]
            assert node.impact_codes == (tuple(r.upper() for r in row.impact) if layout in WITH_IMPACT else ())
            assert node.recommendation_refs == _expected_rec(layout, row)
            assert node.new_recommendation_refs == _expected_rec(layout, row)
            assert node.outcomes == ((row.sentence,) if row.sentence else ())
            assert node.evidence_of_impact == (row.evidence if layout in WITH_EVIDENCE else "")
    assert preview.continuation_rows == CONTINUATIONS
    assert preview.repeated_headers >= 1
    assert preview.scale_offer is not None and preview.creates_scale
    assert [level.code for level in preview.scale_offer.levels] == ["RED", "YELLOW", "GREEN", "BLUE"]
    assert preview.new_review_source == "Recommendations cited in Improving Outcomes"
    messages = [p.message for p in preview.warnings]
    assert sum("holds recommendation codes" in m for m in messages) == 1
    assert sum("continuing the action above" in m for m in messages) == CONTINUATIONS
    assert sum("is a sentence, not a rating" in m for m in messages) == 1
    assert any("a new scale “Red / Yellow / Green / Blue”" in m for m in messages)
    assert not any("used twice" in m for m in messages)


@pytest.mark.parametrize("layout", ["sheets.xlsx", "merged.docx"])
def test_the_whole_plan_is_written_with_histories_and_recommendations(
    store: Store, files: dict[str, Path], layout: str
) -> None:
    preview = _preview(store, files[layout], create_scale=True)
    with store.transaction() as session:
        plan_id, changes = apply_plan_import(session, preview)

    assert changes.plans == {plan_id} and changes.people
    with store.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None and plan.progress_scale_id is not None
        scale = session.get(StatusScale, plan.progress_scale_id)
        assert scale is not None and scale.name == "Red / Yellow / Green / Blue"
        assert plan.impact_scale_id == (plan.progress_scale_id if layout in WITH_IMPACT else None)
        levels = {lv.id: lv.code for lv in session.exec(select(StatusLevel)).all()}
        items = {i.text: i for i in session.exec(select(PlanItem).where(PlanItem.plan_id == plan_id)).all()}
        source = session.exec(select(ReviewSource)).one()
        recs = {r.ref: r for r in session.exec(select(Recommendation)).all()}
        assert source.title == "Recommendations cited in Improving Outcomes"
        assert sorted(recs) == [f"R{n}" for n in range(1, 10)]
        assert all(r.plan_id == plan_id and r.source_id == source.id for r in recs.values())
        for area in AREAS:
            for row in area.rows:
                item = items[row.action]
                assert item.due_text == "\n".join(row.due)
                assert levels[item.progress_level_id or 0] == row.progress[-1].upper()
                changes_ = _history(session, item.id or 0, ScaleKind.PROGRESS)
                assert [levels[c.level_id] for c in changes_] == [r.upper() for r in row.progress]
                assert all("undated" in c.reason for c in changes_) == (len(row.progress) > 1)
                if layout in WITH_IMPACT and row.impact:
                    assert levels[item.impact_level_id or 0] == row.impact[-1].upper()
                    assert [levels[c.level_id] for c in _history(session, item.id or 0, ScaleKind.IMPACT)] == [
                        r.upper() for r in row.impact
                    ]
                linked = session.exec(
                    select(PlanItemRecommendation.recommendation_id).where(
                        PlanItemRecommendation.plan_item_id == item.id
                    )
                ).all()
                assert linked == [recs[row.rec].id]
                lead_count = len(session.exec(select(PlanItemLead).where(PlanItemLead.plan_item_id == item.id)).all())
                assert lead_count == len(_leads(row))
        roles = {r.name for r in session.exec(select(Role)).all()}
        assert {"DCS", "Director SC & EH", "SMs & frontline staff"} <= roles
        assert not any("&" in r and r.endswith((" f", "&")) for r in roles)


def _history(session: Session, item_id: int, kind: ScaleKind) -> list[PlanStatusChange]:
    return list(
        session.exec(
            select(PlanStatusChange)
            .where(PlanStatusChange.plan_item_id == item_id, PlanStatusChange.scale_kind == kind)
            .order_by(col(PlanStatusChange.id))
        ).all()
    )


def test_without_a_fitting_scale_the_preview_asks_and_nothing_can_be_written(
    store: Store, files: dict[str, Path]
) -> None:
    preview = _preview(store, files["headings.docx"])

    assert preview.scale_offer is not None and not preview.creates_scale
    assert preview.errors and all("create the scale “Red / Yellow / Green / Blue”" in e.message for e in preview.errors)
    assert any("cannot be imported until you choose a scale" in n for n in preview.notes)
    assert preview.draft is not None
    with store.session() as session:
        from boardapp.services.plan_import import preview_plan_draft

        accepted = preview_plan_draft(session, preview.draft.choose_scale(create=True, new_name="Council RAG"))
    assert not accepted.errors and accepted.creates_scale
    assert accepted.scale_offer is not None and accepted.scale_offer.name == "Council RAG"


def test_an_existing_review_source_gets_the_missing_recommendations(store: Store, files: dict[str, Path]) -> None:
    with store.transaction() as session:
        source = ReviewSource(title="Ofsted ILACS 2018")
        session.add(source)
        session.flush()
        session.add(Recommendation(source_id=source.id or 0, ref="R1", text="Leaders should know practice"))
    preview = _preview(store, files["merged.docx"], create_scale=True, review_source="ILACS")

    assert not preview.new_review_source
    first = preview.roots[0].children[0].children[0]
    assert len(first.recommendation_ids) == 1 and not first.new_recommendation_refs
    created = [p for p in preview.warnings if "will be created" in p.message and "recommendation R" in p.message]
    assert len(created) == 8  # R2 … R9, each said once
    with store.transaction() as session:
        apply_plan_import(session, preview)
    with store.session() as session:
        assert len(session.exec(select(Recommendation)).all()) == 9
        assert len(session.exec(select(PlanItemRecommendation)).all()) == ACTIONS


def test_the_command_line_takes_the_offered_scale_with_a_warning(
    home: AppHome, store: Store, files: dict[str, Path], tmp_path: Path
) -> None:
    from tests.unit.importing.test_import_plan_cli import _describe, _run

    store.close()  # the command opens the store itself
    refused = _run(home, files["single.xlsx"], "--name", "Outcomes", "--no-create-scale", cwd=tmp_path)
    assert refused.returncode == 1, _describe(refused)
    assert "matches no status scale; create the scale “Red / Yellow / Green / Blue”" in refused.stdout

    default = _run(home, files["single.xlsx"], "--name", "Outcomes", "--dry-run", cwd=tmp_path)
    assert default.returncode == 0 and "a new scale “Red / Yellow / Green / Blue”" in default.stdout, _describe(default)

    result = _run(home, files["single.xlsx"], "--name", "Outcomes", "--create-scale", "Council RAG", cwd=tmp_path)

    assert result.returncode == 0, _describe(result)
    assert "9 key areas, 9 objectives, 13 actions" in result.stdout
    assert "New status scale “Council RAG” (Red, Yellow, Green, Blue, worst first) will be created." in result.stdout
    assert "Problems: 0 error(s), 7 warning(s)" in result.stdout
    reopened = open_store(home)
    try:
        with reopened.session() as session:
            assert [s.name for s in session.exec(select(StatusScale)).all()] == ["Council RAG"]
            assert len(session.exec(select(Recommendation)).all()) == 9
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("DCS\nDirector SC & EH", [("DCS", True), ("Director SC & EH", True)]),
        ("DCS\nDCS\nDirector SC &EH\nDirector SC & EH", [("DCS", True), ("Director SC &EH", True)]),
        ("SMs & front\nline staff", [("SMs & front line staff", True)]),
        ("Head of Safeguarding\nJane Smith", [("Head of Safeguarding", True), ("Jane Smith", False)]),
        ("Chris Coyle and Louise Storey", [("Chris Coyle", False), ("Louise Storey", False)]),
        (
            "Principal Social Worker\nWorkforce Development Manager",
            [
                ("Principal Social Worker", True),
                ("Workforce Development Manager", True),
            ],
        ),
    ],
)
def test_a_multi_line_lead_cell_splits_per_line_never_inside_words(cell: str, expected: list[tuple[str, bool]]) -> None:
    assert [(p.text, p.is_role) for p in split_lead_cell(cell)] == expected


@pytest.mark.parametrize(
    ("cell", "ratings", "sentences"),
    [
        ("Green\nYellow\nYellow\nGreen", ["Green", "Yellow", "Yellow", "Green"], []),
        ("Green Yellow Yellow Green", ["Green", "Yellow", "Yellow", "Green"], []),
        ("Amber – some progress made but concerns remain", ["Amber – some progress made but concerns remain"], []),
        (
            "All staff have now been trained and audits show it",
            [],
            ["All staff have now been trained and audits show it"],
        ),
        ("On track", ["On track"], []),
        ("", [], []),
    ],
)
def test_ratings_and_sentences_in_a_status_cell(cell: str, ratings: list[str], sentences: list[str]) -> None:
    assert split_ratings(cell) == (ratings, sentences)


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_tree_refs_stay_refs_and_codes_with_letters_become_recommendations(tmp_path: Path) -> None:
    tree = build_plan_draft(
        read_tables(
            _sheet(
                tmp_path / "tree.xlsx",
                [
                    ["Ref", "Action", "Lead"],
                    ["1", "Area one", ""],
                    ["1.1", "Do it", "Jo Bloggs"],
                    ["1.2", "Do more", ""],
                ],
            )
        )
    )
    codes = build_plan_draft(
        read_tables(
            _sheet(
                tmp_path / "codes.xlsx",
                [
                    ["Ref", "Action", "Lead"],
                    ["B12", "Do it", "Jo Bloggs"],
                    ["B12", "Do more", "Jo Bloggs"],
                    ["C3", "Then", ""],
                ],
            )
        )
    )

    assert [i.ref for i in tree.walk() if i.kind is PlanItemKind.ACTION] == ["1.1", "1.2"] and not tree.code_columns
    assert [i.recommendation_refs for i in codes.walk() if i.kind is PlanItemKind.ACTION] == [
        ("B12",),
        ("B12",),
        ("C3",),
    ]
    assert codes.code_columns == ["Sheet 'Plan'"]


def test_an_action_cell_merged_over_its_continuation_rows_is_one_action(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    for row in (
        ["Action", "Lead", "By When"],
        ["Run the audit", "Head of Quality Assurance", "March 2019"],
        [None, None, "Re-audit September 2019"],
        ["Publish the findings", "Jo Bloggs", "October 2019"],
    ):
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    path = tmp_path / "merged action.xlsx"
    workbook.save(path)

    draft = build_plan_draft(read_tables(path))

    actions = [(i.text, i.due_text) for i in draft.walk() if i.kind is PlanItemKind.ACTION]
    assert actions == [
        ("Run the audit", "March 2019\nRe-audit September 2019"),
        ("Publish the findings", "October 2019"),
    ]
    assert not [p for p in draft.problems if p.is_error]
    assert any("continuing the action above" in p.message for p in draft.problems)
