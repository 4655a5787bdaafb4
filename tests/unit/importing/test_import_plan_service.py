"""preview_plan_import / apply_plan_import: nothing written by a preview, the whole plan or nothing
by apply, leads and statuses and recommendations matched against the database."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from boardapp.core.enums import PlanItemKind, ScaleKind
from boardapp.core.models import (
    Board,
    Person,
    Plan,
    PlanItem,
    PlanItemLead,
    PlanItemRecommendation,
    PlanStatusChange,
    Recommendation,
    Role,
    StatusLevel,
)
from boardapp.importing.mapping import MappingError
from boardapp.importing.problems import ImportFileError, Severity
from boardapp.services.errors import InvalidChange, NotFound, ServiceError
from boardapp.services.plan_import import (
    PlanImportPreview,
    PreviewNode,
    apply_plan_import,
    find_board_id,
    preview_plan_import,
)
from boardapp.store.database import Store
from tests.fixtures.plans import build

BOARD = "Lancashire Children's Services Improvement Board"
OFSTED = "Ofsted inspection"
TABLES = (Plan, PlanItem, PlanItemLead, PlanItemRecommendation, PlanStatusChange, Person, Role, Recommendation)


def _counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in TABLES}


def _rated_plan(path: Path, rows: list[list[str]] | None = None) -> Path:
    """A small clean plan with a RAG column, recommendation refs, evidence and oversight."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG", "Ofsted Ref", "Evidence", "Oversight Group"])
    sheet.append(["1", "Front door"])
    for row in rows or [
        ["1.1", "Agree the model", "Simon Fisher / Heads of Service", "1 August 2017", "Green", "Recommendation 1"],
        ["1.2", "Test the model", "Jane Booth", "Quarterly", "amber", "Recommendation 5 and 11", "Audit", "MASH Board"],
        ["1.3", "Train everyone", "Principal Social Worker", "March 2019", "B", "ALL"],
    ]:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def rated(tmp_path: Path) -> Path:
    return _rated_plan(tmp_path / "rated.xlsx")


def _preview(store: Store, path: Path, name: str = "Imported plan", **options: object) -> PlanImportPreview:
    with store.session() as session:
        return preview_plan_import(session, path, plan_name=name, **options)  # type: ignore[arg-type]


def _apply(store: Store, preview: PlanImportPreview, board_id: int | None = None) -> int:
    with store.transaction() as session:
        plan_id, _changes = apply_plan_import(session, preview, board_id=board_id)
    return plan_id


# -- preview ---------------------------------------------------------------------------------------------
def test_a_preview_writes_nothing(demo_store: Store, rated: Path, tmp_path: Path) -> None:
    before = _counts(demo_store)

    _preview(demo_store, rated, review_source=OFSTED)
    _preview(demo_store, build.messy_xlsx(tmp_path / "messy.xlsx"))

    assert _counts(demo_store) == before


def test_leads_are_matched_to_the_people_and_roles_the_database_knows(demo_store: Store, rated: Path) -> None:
    preview = _preview(demo_store, rated)
    actions = {n.ref: n for n in preview.walk() if n.kind is PlanItemKind.ACTION}

    assert [(lead.text, lead.is_role, lead.existing) for lead in actions["1.1"].leads] == [
        ("Simon Fisher", False, "Simon Fisher"),
        ("Heads of Service", True, "Heads of Service"),
    ]
    assert actions["1.3"].leads[0].existing == "Principal Social Worker"
    assert preview.new_people == () and preview.new_roles == ()


def test_statuses_are_matched_to_the_scale_that_fits_them(demo_store: Store, rated: Path) -> None:
    preview = _preview(demo_store, rated)

    assert preview.scale_name == "Development plan RAG"
    assert [n.status_label for n in preview.walk() if n.kind is PlanItemKind.ACTION] == ["Green", "Amber", "Blue"]
    assert "Statuses are read on the scale “Development plan RAG”." in preview.notes
    assert preview.can_apply


def test_an_unknown_status_is_an_error_naming_its_cell(demo_store: Store, tmp_path: Path) -> None:
    path = _rated_plan(tmp_path / "purple.xlsx", [["1.1", "Agree the model", "Jane Booth", "May 2019", "Purple"]])

    preview = _preview(demo_store, path, scale="Development plan RAG")

    (error,) = preview.errors
    assert error.where == "Sheet 'Plan' row 3 column E ('RAG')"
    assert "status “Purple” is not on the scale “Development plan RAG” (RED, AMBER, GREEN, BLUE)" in error.message
    assert "--map 'RAG=ignore'" in error.message
    assert (error.table, error.row, error.column) == ("Sheet 'Plan'", 3, "E")


def test_statuses_with_no_scale_in_the_database_are_errors(store: Store, rated: Path) -> None:
    preview = _preview(store, rated)

    assert len(preview.errors) == 3
    assert all("matches no status scale" in e.message for e in preview.errors)
    assert _preview(store, rated, mapping_overrides=["RAG=ignore"]).can_apply


def test_recommendation_refs_link_only_when_a_review_source_is_named(demo_store: Store, rated: Path) -> None:
    unlinked = _preview(demo_store, rated)
    linked = _preview(demo_store, rated, review_source=OFSTED)

    assert all(not n.recommendation_ids for n in unlinked.walk())
    assert any("kept as text only" in note for note in unlinked.notes)
    refs = {n.ref: (n.recommendation_refs, len(n.recommendation_ids)) for n in linked.walk() if n.ref.count(".")}
    assert refs == {"1.1": (("1",), 1), "1.2": (("5", "11"), 2), "1.3": (tuple(str(i) for i in range(1, 12)), 11)}


def test_a_recommendation_the_source_does_not_have_is_a_warning(demo_store: Store, tmp_path: Path) -> None:
    path = _rated_plan(tmp_path / "rec.xlsx", [["1.1", "Agree", "Jane Booth", "May 2019", "", "Recommendation 4, 12"]])

    preview = _preview(demo_store, path, review_source=OFSTED)

    (warning,) = preview.warnings
    assert warning.where == "Sheet 'Plan' row 3 column F ('Ofsted Ref')"
    assert "recommendation 12 is not one of the recommendations of “Ofsted inspection" in warning.message
    assert [len(n.recommendation_ids) for n in preview.walk() if n.ref == "1.1"] == [1]


def test_a_plan_name_in_use_is_an_error_of_the_preview(demo_store: Store, rated: Path) -> None:
    preview = _preview(demo_store, rated, name="  12 WEEK improvement plan August – October 2017 ")

    assert preview.errors[0].where == "plan name" and "already exists" in preview.errors[0].message


def test_wrong_options_are_refused_before_anything_is_read(demo_store: Store, rated: Path) -> None:
    with pytest.raises(NotFound, match="No status scale is called “Traffic lights” \\(“Development plan RAG”\\)"):
        _preview(demo_store, rated, scale="Traffic lights")
    with pytest.raises(NotFound, match="No review source is called “Peer review”"):
        _preview(demo_store, rated, review_source="Peer review")
    with pytest.raises(MappingError, match="no field “owner”"):
        _preview(demo_store, rated, mapping_overrides=["Lead=owner"])
    with pytest.raises(InvalidChange, match="name"):
        _preview(demo_store, rated, name="   ")
    with pytest.raises(ImportFileError, match="does not exist"):
        _preview(demo_store, rated.with_name("missing.xlsx"))


def test_a_single_name_lead_is_a_warning_in_a_database_that_does_not_know_it(
    store: Store, plan_files: dict[str, Path]
) -> None:
    preview = _preview(store, plan_files["000.xlsx"])

    (warning,) = [w for w in preview.warnings if "single name" in w.message]
    assert warning.where == "Sheet '12 Week Plan' row 34 column D ('Lead')"
    assert "a new person “David” will be created" in warning.message
    assert "Dominic Blackburn" in preview.new_people and "DCI Dominic Blackburn" not in preview.new_people


def test_the_summary_says_what_would_be_imported_and_what_is_wrong(demo_store: Store, tmp_path: Path) -> None:
    preview = _preview(demo_store, build.messy_xlsx(tmp_path / "messy.xlsx"))

    text = "\n".join(preview.summary_lines())

    assert "Plan “Imported plan” from messy.xlsx: 1 key area, 7 actions" in text
    assert "2 blank row(s) skipped; 1 repeated header row(s) skipped" in text
    assert "'Lead Officer' → Lead" in text and "'Notes' → not imported (no field matches the header)" in text
    assert "Columns marked “not imported” are kept nowhere." in text
    assert "Problems: 3 error(s), 7 warning(s)" in text
    assert "error   Sheet 'Messy plan' row 7 column E ('RAG'): status “Purple” is not on the scale" in text


# -- apply -----------------------------------------------------------------------------------------------
def test_apply_writes_the_whole_plan_with_statuses_and_their_history(demo_store: Store, rated: Path) -> None:
    with demo_store.session() as session:
        board_id = find_board_id(session, BOARD)
    preview = _preview(demo_store, rated, review_source=OFSTED)

    with demo_store.transaction() as session:
        plan_id, changes = apply_plan_import(session, preview, board_id=board_id)

    assert changes.plans == frozenset({plan_id}) and changes.people is False
    with demo_store.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None and plan.name == "Imported plan" and plan.board_id == board_id
        items = {i.ref: i for i in session.exec(select(PlanItem).where(PlanItem.plan_id == plan_id)).all()}
        assert list(items) == ["1", "1.1", "1.2", "1.3"]
        assert items["1.1"].parent_id == items["1"].id
        assert (items["1.2"].evidence_of_impact, items["1.2"].oversight_group) == ("Audit", "MASH Board")
        assert items["1.2"].due_text == "Quarterly" and items["1.2"].due_kind.value == "recurring"
        level = session.get(StatusLevel, items["1.1"].progress_level_id)
        assert level is not None and level.code == "GREEN" and plan.progress_scale_id == level.scale_id
        history = session.exec(select(PlanStatusChange).where(PlanStatusChange.plan_item_id == items["1.1"].id)).one()
        assert history.scale_kind is ScaleKind.PROGRESS and history.level_id == level.id
        assert history.changed_by == "Import" and "rated.xlsx (Sheet 'Plan' row 3: “Green”)" in history.reason
        links = session.exec(
            select(PlanItemRecommendation).where(PlanItemRecommendation.plan_item_id == items["1.3"].id)
        )
        assert len(links.all()) == 11


def test_apply_creates_new_leads_once_and_says_people_changed(store: Store, tmp_path: Path) -> None:
    path = _rated_plan(
        tmp_path / "new.xlsx",
        [
            ["1.1", "Agree the model", "DCI Dominic Blackburn / Head of SEND", "May 2019"],
            ["1.2", "Test the model", "Dominic Blackburn", "June 2019"],
        ],
    )
    preview = _preview(store, path)
    assert preview.new_people == ("Dominic Blackburn",) and preview.new_roles == ("Head of SEND",)

    with store.transaction() as session:
        _plan_id, changes = apply_plan_import(session, preview)

    assert changes.people is True
    with store.session() as session:
        people = session.exec(select(Person)).all()
        assert [(p.title, p.name) for p in people] == [("DCI", "Dominic Blackburn")]
        assert session.exec(select(func.count()).select_from(PlanItemLead)).one() == 3


def test_apply_refuses_a_preview_with_errors_and_writes_nothing(demo_store: Store, tmp_path: Path) -> None:
    preview = _preview(demo_store, build.messy_xlsx(tmp_path / "messy.xlsx"))
    before = _counts(demo_store)

    with pytest.raises(ServiceError) as refused, demo_store.transaction() as session:
        apply_plan_import(session, preview)

    message = str(refused.value)
    assert message.startswith("The plan was not imported: 3 problem(s) in messy.xlsx must be fixed first:")
    assert "Sheet 'Messy plan' row 7 column B ('Action'): holds a formula (=A1&B1)" in message
    assert _counts(demo_store) == before


def test_apply_refuses_a_name_taken_since_the_preview_and_writes_nothing(demo_store: Store, rated: Path) -> None:
    first = _preview(demo_store, rated, name="Twice")
    second = _preview(demo_store, rated, name="Twice")
    _apply(demo_store, first)
    before = _counts(demo_store)

    with pytest.raises(ServiceError, match="a plan called “Twice” already exists"):
        _apply(demo_store, second)

    assert _counts(demo_store) == before


def _break_one_action(preview: PlanImportPreview, ref: str) -> PlanImportPreview:
    """The preview with one deep action pointing at a status level that does not exist."""

    def fix(node: PreviewNode) -> PreviewNode:
        children = tuple(fix(child) for child in node.children)
        changes: dict[str, object] = {"children": children}
        if node.ref == ref:
            changes["status_level_id"] = 987654
        return dataclasses.replace(node, **changes)  # type: ignore[arg-type]

    return dataclasses.replace(preview, roots=tuple(fix(root) for root in preview.roots))


def test_a_write_failing_midway_leaves_nothing_of_the_plan(demo_store: Store, plan_files: dict[str, Path]) -> None:
    preview = _break_one_action(_preview(demo_store, plan_files["002.xlsx"], review_source=OFSTED), "4.6.5")
    before = _counts(demo_store)

    with pytest.raises(ServiceError, match=r"could not be written .*nothing of it is kept"):
        _apply(demo_store, preview)

    assert _counts(demo_store) == before
    with demo_store.session() as session:
        assert session.exec(select(Plan).where(Plan.name == "Imported plan")).first() is None


def test_apply_refuses_a_board_that_is_gone(demo_store: Store, rated: Path) -> None:
    preview = _preview(demo_store, rated)

    with pytest.raises(NotFound, match="no board with id 999"):
        _apply(demo_store, preview, board_id=999)


def test_find_board_id_by_name_or_short_name(demo_store: Store) -> None:
    with demo_store.session() as session:
        board = session.exec(select(Board)).one()
        assert find_board_id(session, f"  {BOARD.upper()} ") == board.id
        assert find_board_id(session, board.short_name) == board.id
        with pytest.raises(NotFound, match=f"No board is called “Corporate Parenting Board” \\({BOARD}\\)"):
            find_board_id(session, "Corporate Parenting Board")


def test_problems_are_plain_data_for_a_dialog(demo_store: Store, tmp_path: Path) -> None:
    preview = _preview(demo_store, build.messy_xlsx(tmp_path / "messy.xlsx"))

    located = [(p.table, p.row, p.column) for p in preview.problems if p.severity is Severity.ERROR]

    assert located == [
        ("Sheet 'Messy plan'", 7, "B"),
        ("Sheet 'Messy plan'", 10, "B"),
        ("Sheet 'Messy plan'", 7, "E"),
    ]
