"""Recognising headers, choosing the header row, and the clerk's HEADER=field overrides."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from boardapp.importing.mapping import (
    ACTION_LOG_FIELDS,
    PLAN_FIELDS,
    FieldSpec,
    MappingError,
    header_key,
    map_table,
    parse_overrides,
    unused_override_problems,
)
from boardapp.importing.problems import Severity
from boardapp.importing.tables import RawCell, RawRow, RawTable


def _table(*rows: list[str], kind: str = "sheet") -> RawTable:
    width = max(len(r) for r in rows)
    return RawTable(
        source="plan.xlsx",
        kind=kind,  # type: ignore[arg-type]
        sheet_or_table_name="Plan" if kind == "sheet" else "3",
        rows=tuple(
            RawRow(n, tuple(RawCell(text=(r + [""] * width)[c], column=c) for c in range(width)))
            for n, r in enumerate(rows, start=1)
        ),
        width=width,
    )


def _fields(
    table: RawTable, *pairs: str, fields: Sequence[FieldSpec] = PLAN_FIELDS, key: str = "action"
) -> dict[str, str | None]:
    mapping = map_table(table, fields, parse_overrides(pairs, fields), key_field=key)
    assert mapping is not None
    return {c.header or c.letter: c.field for c in mapping.columns}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Ref", "ref"),
        ("No.", "ref"),
        ("#", "ref"),
        ("Action", "action"),
        ("Actions", "action"),
        ("Task", "action"),
        ("What?", "action"),
        ("Workstream", "workstream"),
        ("Area", "workstream"),
        ("Key Area", "workstream"),
        ("Theme", "workstream"),
        ("Lead", "lead"),
        ("Lead Officer", "lead"),
        ("Lead Officer(s)", "lead"),
        ("LEAD OFFICERS", "lead"),
        ("Responsible", "lead"),
        ("Owner", "lead"),
        ("By who?", "lead"),
        ("Who", "lead"),
        ("By When", "due"),
        ("by  when", "due"),
        ("Due", "due"),
        ("Due Date", "due"),
        ("Deadline", "due"),
        ("Target Date", "due"),
        ("When", "due"),
        ("Ofsted Ref", "recommendation_refs"),
        ("Recommendation", "recommendation_refs"),
        ("Rec Ref", "recommendation_refs"),
        ("Inspection Ref", "recommendation_refs"),
        ("KPI Ref", "kpi_refs"),
        ("KPI", "kpi_refs"),
        ("KPIs", "kpi_refs"),
        ("RAG", "status"),
        ("Status", "status"),
        ("Progress", "status"),
        ("Evidence", "evidence"),
        ("Evidence of Impact", "evidence"),
        ("Impact", "evidence"),
        ("Oversight", "oversight"),
        ("Governance", "oversight"),
        ("Overseen by", "oversight"),
        ("Group", "oversight"),
    ],
)
def test_plan_headers_are_recognised_whatever_their_case_spacing_and_punctuation(header: str, field: str) -> None:
    table = _table([header, "Action"] if field != "action" else ["Lead", header], ["x", "y"])

    mapped = _fields(table)

    assert mapped[header] == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Action", "text"),
        ("Description", "text"),
        ("Owner", "owners"),
        ("Responsible", "owners"),
        ("Lead", "owners"),
        ("By who", "owners"),
        ("Due", "due"),
        ("Target date", "due"),
        ("By when", "due"),
        ("Status", "status"),
        ("Meeting", "raised"),
        ("Date raised", "raised"),
        ("Update", "update"),
        ("Comments", "update"),
        ("Progress", "update"),
    ],
)
def test_action_log_headers_are_declared_for_the_action_log_importer(header: str, field: str) -> None:
    table = _table([header, "Action"] if field != "text" else ["Owner", header], ["x", "y"])

    assert _fields(table, fields=ACTION_LOG_FIELDS, key="text")[header] == field


def test_header_key_ignores_case_spacing_punctuation_and_plurals() -> None:
    assert header_key("  Lead Officer(s) ") == header_key("lead officers") == "lead officer"
    assert header_key("By When?") == "by when"
    assert header_key("#") == "#"
    assert header_key("Progress") == "progress"  # a double s is not a plural


def test_the_header_row_is_found_below_titles_and_the_first_unheaded_column_holds_refs() -> None:
    table = _table(
        ["Key Area 1: Effective Partnership Working"],
        ["", "Action", "Ofsted Ref", "KPI Ref", "Due", "Lead"],
        ["1.1", "Lead the development ..."],
        ["1.1.1", "Establish a board", "Recommendation 1", "", "November 2018", "Executive Director"],
        ["1.1.2", "Develop a strategy", "Recommendation 1", "", "January 2019", "Head of SEND"],
    )

    mapping = map_table(table, PLAN_FIELDS, key_field="action")

    assert mapping is not None and mapping.table.header_row_index == 1
    assert [(c.header, c.field, c.how) for c in mapping.columns] == [
        ("", "ref", "values"),
        ("Action", "action", "header"),
        ("Ofsted Ref", "recommendation_refs", "header"),
        ("KPI Ref", "kpi_refs", "header"),
        ("Due", "due", "header"),
        ("Lead", "lead", "header"),
    ]
    assert mapping.describe(PLAN_FIELDS)[0] == "column A (no header) → Ref, recognised from its values"


def test_a_table_without_an_action_column_is_not_a_plan_table() -> None:
    rag = _table(["RAG Table", "Status"], ["RED", "Tasks ... not met"])

    assert map_table(rag, PLAN_FIELDS, key_field="action") is None


def test_overrides_name_a_column_by_header_or_letter_and_can_leave_one_out() -> None:
    table = _table(["Thing to do", "Person", "Deadline", "Notes"], ["Do it", "Jane Booth", "May 2019", "n"])

    assert map_table(table, PLAN_FIELDS, key_field="action") is None
    mapped = _fields(table, "thing to do=action", "B=lead", "Notes=ignore")

    assert mapped == {"Thing to do": "action", "Person": "lead", "Deadline": "due", "Notes": None}


def test_an_override_wins_over_a_recognised_header_and_duplicates_are_not_imported() -> None:
    table = _table(["Action", "Lead", "Lead Officer", "Comments"], ["Do it", "A", "B", "note"])
    mapping = map_table(table, PLAN_FIELDS, parse_overrides(["Lead Officer=lead"], PLAN_FIELDS), key_field="action")
    assert mapping is not None

    how = {c.header: (c.field, c.how) for c in mapping.columns}

    assert how == {
        "Action": ("action", "header"),
        "Lead": (None, "duplicate"),
        "Lead Officer": ("lead", "override"),
        "Comments": (None, "unmapped"),
    }
    problems = mapping.dropped_column_problems()
    assert [p.where for p in problems] == ["Sheet 'Plan' column B ('Lead')", "Sheet 'Plan' column D ('Comments')"]
    assert all(p.severity is Severity.WARNING and "kept nowhere" in p.message for p in problems)


def test_bad_overrides_are_refused_with_the_fields_listed() -> None:
    with pytest.raises(MappingError, match="HEADER=field"):
        parse_overrides(["Lead"], PLAN_FIELDS)
    with pytest.raises(MappingError, match=r"no field “owner”. Fields: ref, action, workstream"):
        parse_overrides(["Lead=owner"], PLAN_FIELDS)
    with pytest.raises(MappingError, match="name the column"):
        parse_overrides(["=lead"], PLAN_FIELDS)
    assert [str(o) for o in parse_overrides({"By who": "Lead", "Ofsted": "recommendation refs"}, PLAN_FIELDS)] == [
        "By who=lead",
        "Ofsted=recommendation_refs",
    ]


def test_an_override_that_matches_no_column_is_an_error() -> None:
    table = _table(["Action", "Lead"], ["Do it", "A"])
    overrides = parse_overrides(["Owner=lead", "Action=action"], PLAN_FIELDS)
    mapping = map_table(table, PLAN_FIELDS, overrides, key_field="action")
    assert mapping is not None

    (problem,) = unused_override_problems(overrides, [mapping])

    assert problem.severity is Severity.ERROR
    assert "“Owner=lead”: no table has a column headed “Owner”" in problem.message


def test_word_tables_name_columns_by_header() -> None:
    table = _table(["Workstream", "Action", "By When", "Lead"], ["MASH", "Do it", "May", "A"], kind="table")
    mapping = map_table(table, PLAN_FIELDS, key_field="action")
    assert mapping is not None

    assert mapping.where(mapping.table.rows[1], "due") == "Table 3 row 2 column 'By When'"
