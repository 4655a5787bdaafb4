"""Issue 14 point 2: the clerk fixes a plan (or an action log) in the preview, never in the file.

Each fix is an operation on the draft (`PlanImportDraft`), validated again from the file's rows;
the file itself is never written; the plan is then imported whole, or nothing is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import select

from boardapp.core.enums import PlanDueKind, PlanItemKind
from boardapp.core.models import Plan, PlanItem, StatusScale
from boardapp.importing.edits import CellEdit, RowMerge, RowSkip, apply_edits, describe_edit
from boardapp.importing.mapping import MappingError
from boardapp.importing.tables import read_tables
from boardapp.services.action_import import preview_action_import
from boardapp.services.errors import ServiceError
from boardapp.services.plan_import import (
    PlanImportDraft,
    PlanImportPreview,
    apply_plan_import,
    open_plan_draft,
    preview_plan_draft,
)
from boardapp.services.plan_status import create_preset_scale
from boardapp.store.database import Store
from tests.fixtures.actions import build
from tests.helpers.builders import BOARD_NAME, TODAY, build_sample

SHEET = "Sheet 'Plan'"
HEADERS = ["Ref", "Action", "Lead", "Due", "RAG"]
ROWS = [
    ["1.1", "Agree the practice model", "Jane Booth", "May 2019", "Green"],  # row 2
    ["", "", "Head of Service", "", "Amber"],  # row 3: a lead and a rating, no action: an error
    ["1.2", "Train staff in", "Tom Hill", "June 2019", "Red"],  # row 4
    ["", "the new practice model", "", "", ""],  # row 5: the action's text went on over a second row
    ["1.3", "Audit the model's use", "Jane Booth", "31 Sept 2019", "Amber"],  # row 6: no such date
]


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "messy plan.xlsx"
    workbook.save(path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _draft(path: Path) -> PlanImportDraft:
    return open_plan_draft(path, plan_name="Practice plan")


def _preview(store: Store, draft: PlanImportDraft) -> PlanImportPreview:
    with store.session() as session:
        return preview_plan_draft(session, draft)


def _actions(preview: PlanImportPreview) -> dict[str, str]:
    return {n.ref: n.text for n in preview.walk() if n.kind is PlanItemKind.ACTION}


def test_as_read_the_plan_has_errors_and_an_extra_action(store: Store, plan_file: Path) -> None:
    preview = _preview(store, _draft(plan_file))

    wheres = [e.where for e in preview.errors]
    assert "Sheet 'Plan' row 3 column B ('Action')" in wheres
    assert any("matches no status scale" in e.message for e in preview.errors)
    assert _actions(preview) == {
        "1.1": "Agree the practice model",
        "1.2": "Train staff in",
        "": "the new practice model",
        "1.3": "Audit the model's use",
    }


def test_skip_row_leaves_the_row_out(store: Store, plan_file: Path) -> None:
    preview = _preview(store, _draft(plan_file).skip_row(SHEET, 3))

    assert not any(e.row == 3 for e in preview.errors)
    assert preview.draft is not None and preview.draft.edits == (RowSkip(SHEET, 3),)
    assert "Your fixes: Sheet 'Plan' row 3: skipped" in preview.summary_lines()


def test_merge_into_previous_joins_the_row_to_the_one_above(store: Store, plan_file: Path) -> None:
    preview = _preview(store, _draft(plan_file).merge_into_previous(SHEET, 5))

    assert _actions(preview)["1.2"] == "Train staff in\nthe new practice model"
    assert "" not in _actions(preview)


def test_edit_cell_changes_what_is_read_not_the_file(store: Store, plan_file: Path) -> None:
    before = _digest(plan_file)

    preview = _preview(store, _draft(plan_file).edit_cell(SHEET, 6, 3, "30 September 2019"))

    (node,) = [n for n in preview.walk() if n.ref == "1.3"]
    assert node.due_text == "30 September 2019" and node.due_kind is PlanDueKind.DATE
    assert not any("is not a date" in w.message for w in preview.warnings)
    assert _digest(plan_file) == before


def test_set_column_meaning_maps_a_column_again(store: Store, plan_file: Path) -> None:
    draft = _draft(plan_file).set_column_meaning("RAG", "ignore")
    preview = _preview(store, draft)

    assert not any("status" in e.message for e in preview.errors)
    assert all(not n.status_codes for n in preview.walk())
    again = _preview(store, draft.set_column_meaning("RAG", "status"))  # the newest meaning wins
    assert any(n.status_text for n in again.walk())
    with pytest.raises(MappingError, match="no field “colour”"):
        draft.set_column_meaning("RAG", "colour")


def test_choose_or_create_the_scale(store: Store, plan_file: Path) -> None:
    draft = _draft(plan_file).skip_row(SHEET, 3)
    asked = _preview(store, draft)
    assert asked.scale_offer is not None and [lv.label for lv in asked.scale_offer.levels] == ["Red", "Amber", "Green"]

    created = _preview(store, draft.choose_scale(create=True))
    assert not created.errors and created.creates_scale

    with store.transaction() as session:
        create_preset_scale(session, "RAG with Blue for completed")
    existing = _preview(store, draft.choose_scale("RAG with Blue for completed"))
    assert not existing.errors and existing.scale_name == "RAG with Blue for completed" and not existing.creates_scale
    assert {n.ref: n.status_label for n in existing.walk() if n.status_codes} == {
        "1.1": "Green",
        "1.2": "Red",
        "1.3": "Amber",
    }


def test_after_the_fixes_the_whole_plan_imports_or_nothing_does(store: Store, plan_file: Path) -> None:
    draft = _draft(plan_file)
    with store.transaction() as session, pytest.raises(ServiceError, match="must be fixed first"):
        apply_plan_import(session, preview_plan_draft(session, draft))
    with store.session() as session:
        assert not session.exec(select(Plan)).all()

    fixed = (
        draft.skip_row(SHEET, 3)
        .merge_into_previous(SHEET, 5)
        .edit_cell(SHEET, 6, 3, "30 September 2019")
        .choose_scale(create=True)
    )
    with store.transaction() as session:
        preview = preview_plan_draft(session, fixed)
        assert not preview.errors
        plan_id, _changes = apply_plan_import(session, preview)
    with store.session() as session:
        texts = session.exec(select(PlanItem.text).where(PlanItem.plan_id == plan_id)).all()
        assert sorted(texts) == sorted(
            ["Plan", "Agree the practice model", "Train staff in\nthe new practice model", "Audit the model's use"]
        )
        assert [s.name for s in session.exec(select(StatusScale)).all()] == ["Red / Amber / Green"]


def test_undo_takes_back_the_last_fix(store: Store, plan_file: Path) -> None:
    draft = _draft(plan_file).skip_row(SHEET, 3).merge_into_previous(SHEET, 5)

    assert draft.undo().edits == (RowSkip(SHEET, 3),)


def test_apply_edits_keeps_row_numbers_and_ignores_unknown_rows(plan_file: Path) -> None:
    document = read_tables(plan_file)
    edited = apply_edits(document, [RowSkip(SHEET, 3), RowMerge(SHEET, 5), CellEdit(SHEET, 99, 0, "x")])

    (table,) = edited.tables
    assert [r.row_number for r in table.rows] == [1, 2, 4, 6]
    assert table.rows[2].cells[1].text == "Train staff in\nthe new practice model"
    assert describe_edit(CellEdit(SHEET, 6, 3, "30 September 2019")) == (
        "Sheet 'Plan' row 6 column D: typed “30 September 2019”"
    )
    assert document.tables[0].rows[2].row_number == 3, "the document read from the file is unchanged"


def test_the_action_log_takes_the_same_fixes(store: Store, tmp_path: Path) -> None:
    with store.transaction() as session:
        build_sample(session)
    log = build.clean_log(tmp_path / "log.xlsx")
    table = read_tables(log).tables[0]
    header = next(r for r in table.rows if any(c.text == "Action" for c in r.cells))
    action_column = next(c.column for c in header.cells if c.text == "Action")
    data = [r for r in table.rows if r.row_number > header.row_number and not r.is_blank]
    first, second = data[0].row_number, data[1].row_number

    with store.session() as session:
        plain = preview_action_import(session, log, board=BOARD_NAME, today=TODAY)
        fixed = preview_action_import(
            session,
            log,
            board=BOARD_NAME,
            today=TODAY,
            edits=[
                CellEdit(table.name, first, action_column, "Circulate the revised terms"),
                RowSkip(table.name, second),
            ],
        )

    assert len(fixed.actions) == len(plain.actions) - 1
    assert fixed.actions[0].text == "Circulate the revised terms"
    assert all(a.row != second for a in fixed.actions)


def test_the_action_log_takes_a_row_merged_into_the_one_above(store: Store, tmp_path: Path) -> None:
    """An action whose text went on over a second row: Ctrl+M in the preview joins them, as for a plan."""
    with store.transaction() as session:
        build_sample(session)
    log = build.clean_log(tmp_path / "log.xlsx")
    table = read_tables(log).tables[0]
    header = next(r for r in table.rows if any(c.text == "Action" for c in r.cells))
    action_column = next(c.column for c in header.cells if c.text == "Action")
    data = [r for r in table.rows if r.row_number > header.row_number and not r.is_blank]
    first, second = data[0], data[1]

    with store.session() as session:
        plain = preview_action_import(session, log, board=BOARD_NAME, today=TODAY)
        merged = preview_action_import(
            session, log, board=BOARD_NAME, today=TODAY, edits=[RowMerge(table.name, second.row_number)]
        )

    assert len(merged.actions) == len(plain.actions) - 1
    joined = f"{first.cells[action_column].text}\n{second.cells[action_column].text}"
    assert merged.actions[0].text == joined
    assert all(a.row != second.row_number for a in merged.actions)
