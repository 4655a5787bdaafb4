"""Turn the tables of an improvement plan file into a plan tree, with a problem for each doubt.

Pure: no database. The service (services/plan_import.py) matches the tree's leads, statuses and
recommendation refs against the database and writes it. How the tree is found, in the ways
councils lay plans out (seeds 000 and 002):

* **Key areas** come from, in order of preference: a section row in the table ("Key Area 1:
  Effective Partnership Working", "1 Effective Partnership Working", or any text written across
  the whole table); the heading paragraph just before a Word table, or a title row above an Excel
  sheet's header row; the sheet's name; for a Word table with neither, "Table N" (with a warning).
  A heading only becomes a key area if rows are put under it, so a plan's title above the header
  row does not become an empty key area.
* **Refs define depth**: the deepest ref in the file ("1.2.3") numbers actions; a section row
  with a shallower ref is a key area ("1") or an objective ("1.2"). A section row is one written
  across the table, or one with text but no lead, due, status or other detail.
* **Workstreams** come from their column: a name starts a workstream, and the rows below with
  the cell blank or merged into it belong to it (seed 000). A name seen before under the same key
  area continues that workstream.
* **Measures of success / Outcome statements**: in a Word file, the paragraphs after such a
  heading become the outcomes of the key area of the nearest key-area heading (000 puts them
  after the table, 002 before it).
* Due text is kept verbatim and read with `parse_due_text`; "31 Sept 2017" is a warning.
  Leads are kept verbatim (split by the service, which knows the people). Recommendation refs
  are read from "Recommendation 1,5,6,8,11", "Recommendation 9 and 4", "ALL".
* Blank rows are skipped and counted; a repeated header row (the header again after a page break,
  even with merged or blank cells) is skipped; a row with a lead, status or other detail but no
  action text is an error, as is a formula with no saved value.
* Layouts seen in other councils' plans (issue 14), read with a warning rather than refused:
  - a **continuation row** (only a due date, perhaps a lead) joins the action above: its due text
    is added on a new line (kept verbatim), its lead likewise;
  - a **status cell with several ratings**, one per line ("Green\nYellow\nGreen"), is a history,
    oldest first; the last is the current rating (`split_ratings`); a long sentence there is not a
    rating: it goes to the action's outcomes;
  - a **second rating column** ("Impact RAG", "Evidence of impact RAG") is read as the impact rating;
  - a **"Ref" column of recommendation codes** ("R3", "B12", "Rec 4": never "1.2.3", and
    repeating within a table or saying "Rec") is read as the actions' recommendation refs;
  - "Area of Improvement" names the row's key area and "Improvement Target" its objective (merged
    down or written once per group); "Evidence of Impact / Outcome Measure" is evidence of impact,
    an "Outcome(s)" column the action's outcomes.
* A cell merged down over several rows (Word vMerge, Excel merged range) gives its text to each
  row it covers (a warning says so), except in the Action column where rows must be separate.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from boardapp.core.enums import PlanDueKind, PlanItemKind
from boardapp.core.rules.due_text import ParsedDue, parse_due_text
from boardapp.importing.limits import Progress
from boardapp.importing.mapping import (
    PLAN_FIELDS,
    Override,
    TableMapping,
    header_key,
    map_table,
    unused_override_problems,
)
from boardapp.importing.problems import Location, Problem, Severity
from boardapp.importing.tables import (
    MergeArea,
    RawCell,
    RawDocument,
    RawParagraph,
    RawRow,
    RawTable,
    cell_problems,
    column_letter,
    read_tables,
)

__all__ = [
    "RATING_WORDS",
    "DraftItem",
    "PlanDraft",
    "RecommendationRefs",
    "build_plan_draft",
    "parse_recommendation_refs",
    "read_plan",
    "ref_depth",
    "split_ratings",
]

KEY_FIELD = "action"
DETAIL_FIELDS = (
    "lead",
    "due",
    "status",
    "impact",
    "evidence",
    "outcomes",
    "oversight",
    "kpi_refs",
    "recommendation_refs",
)
CONTINUATION_FIELDS = frozenset({"due", "lead"})  # all a row continuing the action above may have
SECTION_FIELDS = ("key_area", "objective")
FILL_DOWN_FIELDS = frozenset(DETAIL_FIELDS)

_REF = re.compile(r"^(\d+(?:\.\d+)*)\.?$")
_LEADING_REF = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$", re.DOTALL)
_KEY_AREA = re.compile(
    r"^(?:key\s+area|priority(?:\s+area)?|theme|area|strategic\s+priority|section)\s+(\d+)\s*(?:[:.\-–—]\s*)?(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_OUTCOMES = re.compile(
    r"^(?:(?P<area>.+?)\s*[-–—:]\s*)?(?:measures?\s+of\s+success|outcome\s+statements?|outcomes?|success\s+measures"
    r"|success\s+criteria|what\s+success\s+looks\s+like)\s*:?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-•▪·◦‣○●■□–*]|\d+[.)])\s+")


@dataclass
class DraftItem:
    """A node of the plan as read from the file, before anything is matched or written."""

    kind: PlanItemKind
    text: str
    ref: str = ""
    where: str = ""  # "Table 4 row 3", "heading before Table 4"
    description: str = ""
    due_text: str = ""
    due: ParsedDue | None = None
    lead_text: str = ""
    outcomes: list[str] = field(default_factory=list)
    evidence_of_impact: str = ""
    oversight_group: str = ""
    kpi_refs_text: str = ""
    recommendation_refs_text: str = ""
    recommendation_refs: tuple[str, ...] = ()
    all_recommendations: bool = False  # "ALL" in the recommendation column
    status_text: str = ""  # the cell verbatim
    status_history: list[str] = field(default_factory=list)  # the ratings in the cell, oldest first
    impact_text: str = ""
    impact_history: list[str] = field(default_factory=list)
    cells: dict[str, Location] = field(default_factory=dict)  # field → the cell it was read from
    children: list[DraftItem] = field(default_factory=list)

    def walk(self) -> Iterator[DraftItem]:
        yield self
        for child in self.children:
            yield from child.walk()

    def location(self, name: str) -> Location:
        """The cell a field was read from, or the item's row when it has no such cell."""
        return self.cells.get(name) or Location(written=self.where)


@dataclass
class PlanDraft:
    path: Path
    file_kind: str  # "docx" / "xlsx"
    roots: list[DraftItem]
    problems: list[Problem]
    mappings: list[TableMapping]
    skipped_tables: list[str]  # "Table 1 (no Action column; headers: ...)"
    blank_rows: int = 0
    repeated_headers: int = 0
    notes: list[str] = field(default_factory=list)
    code_columns: list[str] = field(default_factory=list)  # tables whose Ref column holds recommendation codes
    continuation_rows: int = 0

    def walk(self) -> Iterator[DraftItem]:
        for root in self.roots:
            yield from root.walk()

    def counts(self) -> dict[PlanItemKind, int]:
        found = dict.fromkeys(PlanItemKind, 0)
        for item in self.walk():
            found[item.kind] += 1
        return found


@dataclass(frozen=True)
class RecommendationRefs:
    refs: tuple[str, ...]
    all: bool = False
    unread: tuple[str, ...] = ()


def ref_depth(ref: str) -> int:
    """1 for "1", 2 for "1.2", 3 for "1.2.3"; 0 for anything that is not a numbered ref."""
    match = _REF.match(ref.strip())
    return match.group(1).count(".") + 1 if match else 0


def _clean_ref(ref: str) -> str:
    match = _REF.match(ref.strip())
    return match.group(1) if match else ref.strip()


_REC_WORDS = re.compile(
    r"\b(?:ofsted|recommendations?|recs?|refs?|nos?|numbers?|inspection|see)\b\.?|[#()\[\]]", re.IGNORECASE
)
_REC_TOKEN = re.compile(r"^(?:[A-Za-z]{0,2}\d+[a-z]?)$")


def parse_recommendation_refs(text: str) -> RecommendationRefs:
    """ "Recommendation 1,5,6,8,11" → 1, 5, 6, 8, 11; "Recommendation 9 and 4" → 9, 4; "ALL" → all."""
    clean = " ".join(text.split())
    if not clean:
        return RecommendationRefs(())
    if re.fullmatch(r"(?:all|all\s+recommendations?)\.?", clean, re.IGNORECASE):
        return RecommendationRefs((), all=True)
    stripped = _REC_WORDS.sub(" ", clean)
    refs: list[str] = []
    unread: list[str] = []
    for token in re.split(r"\s*(?:[,;&/+]|\band\b|\s)\s*", stripped):
        token = token.strip(" .:")
        if not token:
            continue
        if _REC_TOKEN.match(token):
            if token not in refs:
                refs.append(token)
        else:
            unread.append(token)
    return RecommendationRefs(tuple(refs), unread=tuple(unread))


def read_plan(path: str | Path, overrides: Sequence[Override] = (), progress: Progress | None = None) -> PlanDraft:
    """Read a .docx or .xlsx plan (ImportFileError if it cannot be read) into a draft tree (progress: tables.py)."""
    return build_plan_draft(read_tables(path, progress), overrides)


def build_plan_draft(document: RawDocument, overrides: Sequence[Override] = ()) -> PlanDraft:
    return _Builder(document, overrides).build()


@dataclass
class _Pending:
    """A key area named by a heading or title row, made only when rows go under it."""

    text: str
    ref: str
    where: str
    outcomes: list[str] = field(default_factory=list)
    made: DraftItem | None = None


class _Builder:
    def __init__(self, document: RawDocument, overrides: Sequence[Override]) -> None:
        self.document = document
        self.overrides = tuple(overrides)
        self.roots: list[DraftItem] = []
        self.problems: list[Problem] = []
        self.mappings: list[TableMapping] = []
        self.skipped: list[str] = []
        self.blank_rows = 0
        self.repeated_headers = 0
        self.key_area: DraftItem | None = None
        self.key_area_from_heading = False
        self.workstream: DraftItem | None = None
        self.objective: DraftItem | None = None
        self.pending: _Pending | None = None
        self.fallback_name = ""
        self.fallback_where = ""
        self.action_depth = 0
        self.refs_seen: dict[str, str] = {}
        self.last_action: DraftItem | None = None
        self.code_columns: list[str] = []
        self.warned_code_headers: set[str] = set()
        self.continuation_rows = 0

    # -- the whole file ------------------------------------------------------------------------------
    def build(self) -> PlanDraft:
        mapped: dict[int, TableMapping] = {}
        for index, table in enumerate(self.document.tables):
            mapping = map_table(table, PLAN_FIELDS, self.overrides, key_field=KEY_FIELD)
            if mapping is None:
                self.skipped.append(f"{table.name} (no Action column{_headers_seen(table)})")
            else:
                mapped[index] = mapping
        code_headers = self._recommendation_code_headers(list(mapped.values()))
        for index, mapping in mapped.items():
            mapped[index] = self._recommendation_codes(mapping, code_headers)
            self.mappings.append(mapped[index])
        self.problems.extend(unused_override_problems(self.overrides, self.mappings))
        if not self.mappings:
            seen = "; ".join(self.skipped[:6])
            self.problems.append(
                Problem(
                    Severity.ERROR,
                    self.document.path.name,
                    f"no table has an Action column ({seen}). Name the column with --map 'HEADER=action'.",
                )
            )
        self.action_depth = max(
            (ref_depth(m.text(row, "ref")) for m in self.mappings for row in m.table.data_rows), default=0
        )
        if self.document.kind == "docx":
            self._walk_word(mapped)
        else:
            for index in sorted(mapped):
                self._start_sheet(mapped[index])
                self._read_rows(mapped[index])
        self._describe_key_areas(mapped)
        self._check_empty_sections()
        for mapping in self.mappings:
            self.problems.extend(mapping.dropped_column_problems())
        return PlanDraft(
            path=self.document.path,
            file_kind=self.document.kind,
            roots=self.roots,
            problems=self.problems,
            mappings=self.mappings,
            skipped_tables=self.skipped,
            blank_rows=self.blank_rows,
            repeated_headers=self.repeated_headers,
            notes=list(self.document.notes),
            code_columns=self.code_columns,
            continuation_rows=self.continuation_rows,
        )

    def _recommendation_code_headers(self, mappings: Sequence[TableMapping]) -> set[str]:
        """Headers of Ref columns that hold recommendation codes ("R3", "B12", "Rec 4") in the whole file.

        Such a column's values are codes, never tree refs ("1.2.3"), and they repeat within a table
        (several actions answer one recommendation) or say "Rec". Tables with one action decide
        nothing by themselves: the column's header decides for every table that has it.
        """
        values: dict[str, list[str]] = {}
        repeats: dict[str, bool] = {}
        for mapping in mappings:
            column = mapping.column_of("ref")
            if column is None or mapping.columns[column].how == "override" or mapping.column_of("recommendation_refs"):
                continue
            header = header_key(mapping.columns[column].header)
            found = _column_values(mapping, column, header)
            values.setdefault(header, []).extend(found)
            repeats[header] = repeats.get(header, False) or len(set(found)) < len(found)
        chosen = set()
        for header, found in values.items():
            if len(found) < 2 or any(ref_depth(v) >= 2 for v in found):
                continue
            codes = [v for v in found if _looks_like_codes(v)]
            named = any(re.match(r"(?i)rec", v) for v in found)
            if len(codes) >= 0.8 * len(found) and (repeats[header] or named):
                chosen.add(header)
        return chosen

    def _recommendation_codes(self, mapping: TableMapping, code_headers: set[str]) -> TableMapping:
        """The mapping with its Ref column read as recommendation refs, when the file's Ref column holds codes."""
        column = mapping.column_of("ref")
        if column is None or mapping.columns[column].how == "override" or mapping.column_of("recommendation_refs"):
            return mapping
        header = header_key(mapping.columns[column].header)
        if header not in code_headers:
            return mapping
        values = _column_values(mapping, column, header)
        columns = tuple(
            dataclasses.replace(c, field="recommendation_refs", how="values") if c.column == column else c
            for c in mapping.columns
        )
        examples = ", ".join(dict.fromkeys(values[:12]))
        self.code_columns.append(mapping.table.name)
        if header in self.warned_code_headers:
            return dataclasses.replace(mapping, columns=columns)  # said once, for the first table with it
        self.warned_code_headers.add(header)
        self.problems.append(
            mapping.table.problem(
                Severity.WARNING,
                f"the column '{mapping.columns[column].header or column_letter(column)}' holds recommendation codes "
                f"({_short(examples)}), not action refs: in every table, it was read as each action's "
                f"recommendation refs. Change the column's meaning if that is wrong",
                column=column,
                header=mapping.columns[column].header,
            )
        )
        return dataclasses.replace(mapping, columns=columns)

    def _walk_word(self, mapped: dict[int, TableMapping]) -> None:
        """Headings, outcome lists and tables in document order."""
        outcomes_into: _Pending | DraftItem | None = None
        last_area: _Pending | DraftItem | None = None
        heading_since_table = False
        table_index = -1
        for block in self.document.blocks:
            if isinstance(block, RawParagraph):
                outcomes = _OUTCOMES.match(block.text) if len(block.text) < 200 else None
                if outcomes is not None:
                    outcomes_into = self._area_named(outcomes.group("area")) or last_area
                    if outcomes_into is None:
                        self.problems.append(
                            Problem(
                                Severity.WARNING,
                                f"paragraph “{block.text}”",
                                "outcomes found before any key area; they were not imported",
                            )
                        )
                elif block.is_heading:
                    outcomes_into = None
                    text, ref = _key_area_text(block.text)
                    self.pending = _Pending(text, ref, f"heading “{block.text}”")
                    last_area = self.pending
                    heading_since_table = True
                elif outcomes_into is not None:
                    outcomes_into.outcomes.append(_BULLET.sub("", block.text).strip())
                continue
            table_index += 1
            outcomes_into = None
            if table_index not in mapped:
                continue
            mapping = mapped[table_index]
            title = None if heading_since_table else _title_above_header(mapping.table)
            if heading_since_table or title is not None:
                self._close_key_area()
                self.pending = title or self.pending
            # else: a table with no heading of its own continues the one before (split at a page end)
            self.fallback_name, self.fallback_where = block.name, f"{block.name} (no heading before it)"
            self._read_rows(mapping)
            if self.pending is not None and self.pending.made is not None:
                last_area = self.pending.made
            elif self.key_area is not None:
                last_area = self.key_area
            heading_since_table = False
        if self.pending is not None and self.pending.made is None and self.pending.outcomes:
            self.problems.append(
                Problem(
                    Severity.WARNING,
                    self.pending.where,
                    "outcomes under this heading belong to no table of actions; they were not imported",
                )
            )

    def _area_named(self, name: str | None) -> DraftItem | None:
        if not name:
            return None
        key = header_key(name)
        return next((r for r in self.roots if header_key(r.text) == key), None)

    def _start_sheet(self, mapping: TableMapping) -> None:
        """A sheet starts afresh: its title row above the header (if any) names its key area."""
        self._close_key_area()
        table = mapping.table
        self.fallback_name, self.fallback_where = table.sheet_or_table_name, f"{table.name} (the sheet's name)"
        self.pending = _title_above_header(table)

    def _close_key_area(self) -> None:
        self.key_area = self.workstream = self.objective = None
        self.key_area_from_heading = False

    # -- rows ----------------------------------------------------------------------------------------
    def _read_rows(self, mapping: TableMapping) -> None:
        table = mapping.table
        header = mapping.table.header_row
        header_texts = [c.text for c in header.cells] if header is not None else []
        header_keys = [header_key(t) if t else "" for t in header_texts]
        merged_text: dict[MergeArea, str] = {}
        reported_merges: set[MergeArea] = set()
        numeric_refs_reported = False
        for row in table.data_rows:
            for cell in row.cells:
                if cell.is_merge_anchor and cell.merge is not None:
                    merged_text[cell.merge] = cell.text
            if row.is_blank:
                self.blank_rows += 1
                continue
            if [c.text for c in row.cells] == header_texts or _repeats_header(row, header_keys):
                self.repeated_headers += 1
                continue
            values: dict[str, str] = {}
            for name, column in mapping.field_columns.items():
                value = self._value(mapping, row, row.cells[column], name, merged_text, reported_merges)
                if value is None:
                    break
                values[name] = value
            else:
                self._numbered_refs(mapping, row, numeric_refs_reported)
                numeric_refs_reported = numeric_refs_reported or _numeric_ref(mapping, row)
                self._row(mapping, row, values)

    def _numbered_refs(self, mapping: TableMapping, row: RawRow, reported: bool) -> None:
        """Once per table: refs typed as numbers lose their final zeros in Excel (1.10 becomes 1.1)."""
        ref_cell = mapping.cell(row, "ref")
        if reported or ref_cell is None or not _numeric_ref(mapping, row):
            return
        self.problems.append(
            mapping.table.problem(
                Severity.WARNING,
                f"the ref {ref_cell.text} is typed as a number: Excel drops final zeros, so 1.10 reads as "
                f"1.1. Check the refs, or format the column as Text and type them again",
                row.row_number,
                ref_cell.column,
                mapping.header_of("ref"),
            )
        )

    def _value(
        self,
        mapping: TableMapping,
        row: RawRow,
        cell: RawCell,
        name: str,
        merged_text: dict[MergeArea, str],
        reported: set[MergeArea],
    ) -> str | None:
        """The cell's text for this row, following a merge down from the cell above where it means that.

        None: the row only continues the Action cell merged down from above; it is not a row of its own.
        """
        merge = cell.merge
        if not cell.is_merged_continuation or merge is None or merge.first_column != cell.column:
            return cell.text
        text = merged_text.get(merge, "")
        if not text or name in ("workstream", "ref", *SECTION_FIELDS):
            return ""  # a workstream, key area or objective merged down continues by itself; a ref is never shared
        if name == "action":
            others = [
                c for c in row.cells if not c.is_blank and c.column != cell.column and not c.is_merged_continuation
            ]
            if not others:
                return None
            continuing = {mapping.column_of(n) for n in CONTINUATION_FIELDS}
            if "due" in mapping.field_columns and all(c.column in continuing for c in others):
                return ""  # only a due date (and a lead) under the merged action: a continuation row
            if merge not in reported:
                reported.add(merge)
                self.problems.append(
                    mapping.table.problem(
                        Severity.ERROR,
                        f"the Action cell is merged over rows {merge.first_row}–{merge.last_row} ({merge.describe()}), "
                        f"but those rows have their own details: give each action its own row",
                        row.row_number,
                        cell.column,
                        mapping.header_of(name),
                    )
                )
            return text
        if merge not in reported:
            reported.add(merge)
            self.problems.append(
                mapping.table.problem(
                    Severity.WARNING,
                    f"the cell is merged over rows {merge.first_row}–{merge.last_row} ({merge.describe()}); "
                    f"“{_short(text)}” was imported for each of those rows",
                    merge.first_row,
                    cell.column,
                    mapping.header_of(name),
                )
            )
        return text

    def _row(self, mapping: TableMapping, row: RawRow, values: dict[str, str]) -> None:
        table = mapping.table
        where = table.where(row.row_number)
        ref_column = mapping.column_of("ref")
        anchors = [c for c in row.cells if not c.is_blank and not c.is_merged_continuation]
        spanning = next((c for c in anchors if c.spans_row), None)
        if spanning is not None and all(c is spanning or c.column == ref_column for c in anchors):
            self._cell_problems(mapping, row, anchors)
            text = spanning.text
            ref = _clean_ref(values.get("ref", "")) if spanning.column != ref_column else ""
            if not ref:
                leading = _LEADING_REF.match(text)
                if leading and ref_depth(leading.group(1)):
                    ref, text = leading.group(1), leading.group(2).strip()
            self._section(mapping, text, ref, where, spanning=True)
            return

        self._cell_problems(mapping, row, [row.cells[c] for c in mapping.field_columns.values()])
        self._horizontal_merges(mapping, row, anchors)
        action = values.get("action", "")
        action_cell = mapping.cell(row, "action")
        if not action and action_cell is not None and action_cell.is_formula and action_cell.original_value is None:
            action = action_cell.formula  # unknown until Excel saves a result: reported above, shown as the formula
        ref = values.get("ref", "")
        details = {name: values[name] for name in DETAIL_FIELDS if values.get(name)}
        workstream = values.get("workstream", "")
        self._section_columns(mapping, row, values)
        if not (action or ref or workstream or details) and any(values.get(name) for name in SECTION_FIELDS):
            return  # a key area or objective on a row of its own
        if not action:
            self._row_without_action(mapping, row, ref, workstream, details, anchors)
            return
        depth = ref_depth(ref)
        if not details and depth and depth < self.action_depth:
            self._section(mapping, action, _clean_ref(ref), where, spanning=False)
            return
        if not details and not depth and not workstream:
            key_area = _KEY_AREA.match(action)
            if key_area is not None:
                self._section(mapping, action, "", where, spanning=False)
                return
        self._workstream(mapping, row, workstream)
        self._action(mapping, row, action, _clean_ref(ref) if depth else ref, values)

    def _section_columns(self, mapping: TableMapping, row: RawRow, values: dict[str, str]) -> None:
        """An "Area of Improvement" cell names the row's key area, an "Improvement Target" its objective."""
        where = mapping.table.where(row.row_number)
        key_area = values.get("key_area", "")
        if key_area:
            text, ref = _key_area_text(key_area)
            if self.key_area is None or header_key(self.key_area.text) != header_key(text):
                self._open_key_area(text, ref, where)
                self.last_action = None
        objective = values.get("objective", "")
        if objective and (self.objective is None or header_key(self.objective.text) != header_key(objective)):
            parent = self._current_key_area()
            existing = next(
                (
                    c
                    for c in parent.children
                    if c.kind is PlanItemKind.OBJECTIVE and header_key(c.text) == header_key(objective)
                ),
                None,
            )
            if existing is None:
                existing = DraftItem(PlanItemKind.OBJECTIVE, objective, where=where)
                parent.children.append(existing)
            self.objective = existing
            self.workstream = None

    def _continues_action(self, mapping: TableMapping, row: RawRow, details: dict[str, str]) -> bool:
        """A row with only a due date (and perhaps a lead) continues the action above: merged into it."""
        previous = self.last_action
        if previous is None or "due" not in details or not set(details) <= CONTINUATION_FIELDS:
            return False
        previous.due_text = "\n".join(t for t in (previous.due_text, details["due"]) if t)
        previous.due = parse_due_text(previous.due_text)
        lead = details.get("lead", "")
        if lead and lead not in previous.lead_text.split("\n"):
            previous.lead_text = "\n".join(t for t in (previous.lead_text, lead) if t)
        self.continuation_rows += 1
        also = " and its lead" if lead else ""
        self.problems.append(
            mapping.table.problem(
                Severity.WARNING,
                f"this row has only a due date{' and a lead' if lead else ''}: it was read as continuing the action "
                f"above ({previous.where}, “{_short(previous.text, 40)}”), and its due text{also} added to that "
                f"action's. Skip the row in the preview if it is not",
                row.row_number,
                mapping.column_of("due"),
                mapping.header_of("due"),
            )
        )
        return True

    def _row_without_action(
        self,
        mapping: TableMapping,
        row: RawRow,
        ref: str,
        workstream: str,
        details: dict[str, str],
        anchors: list[RawCell],
    ) -> None:
        table = mapping.table
        where = table.where(row.row_number)
        if not ref and not workstream and self._continues_action(mapping, row, details):
            return
        if workstream and not _KEY_AREA.match(workstream):
            self._workstream(mapping, row, workstream)  # the rows below belong to it, whatever is wrong here
        if workstream and not details and not ref:
            if _KEY_AREA.match(workstream):
                self._section(mapping, workstream, "", where, spanning=False)
            return
        if ref and not details and not workstream and not ref_depth(ref):
            self._section(mapping, ref, "", where, spanning=False)  # a title typed in the ref column
            return
        if not ref and not details and not workstream:
            if len(anchors) == 1 and anchors[0].column == 0:  # alone in the first column: a section title
                self._section(mapping, anchors[0].text, "", where, spanning=False)
            return  # otherwise only unmapped columns have text: reported once per column
        found = [f"{_FIELD_WORDS[name]} “{_short(text)}”" for name, text in details.items()]
        if ref:
            found.insert(0, f"ref “{ref}”")
        if workstream:
            found.append(f"workstream “{_short(workstream)}”")
        column = mapping.column_of("action")
        self.problems.append(
            table.problem(
                Severity.ERROR,
                f"this row has {', '.join(found)} but no action text: type the action in, or delete the row",
                row.row_number,
                column,
                mapping.header_of("action"),
            )
        )

    def _horizontal_merges(self, mapping: TableMapping, row: RawRow, anchors: Sequence[RawCell]) -> None:
        """A cell merged across columns inside a row of details: its text goes to its own column only."""
        fields = {column: name for name, column in mapping.field_columns.items()}
        labels = {spec.name: spec.label for spec in PLAN_FIELDS}
        for cell in anchors:
            merge = cell.merge
            if merge is None or not merge.is_horizontal or merge.first_row != row.row_number or cell.spans_row:
                continue
            covered = [labels[fields[c]] for c in range(merge.first_column + 1, merge.last_column + 1) if c in fields]
            if cell.column in fields and covered:
                self.problems.append(
                    mapping.table.problem(
                        Severity.WARNING,
                        f"the cell is merged across columns ({merge.describe()}); its text was read as "
                        f"{labels[fields[cell.column]]} only, and {', '.join(covered)} as empty",
                        row.row_number,
                        cell.column,
                        mapping.header_of(fields[cell.column]),
                    )
                )

    def _cell_problems(self, mapping: TableMapping, row: RawRow, cells: Sequence[RawCell]) -> None:
        headers = {c.column: c.header for c in mapping.columns}
        for cell in cells:
            if not cell.is_merged_continuation:
                self.problems.extend(cell_problems(mapping.table, row, cell, headers.get(cell.column, "")))

    # -- building the tree ---------------------------------------------------------------------------
    def _section(self, mapping: TableMapping, text: str, ref: str, where: str, *, spanning: bool) -> None:
        key_area = _KEY_AREA.match(text)
        if key_area is not None:
            area_text, area_ref = _key_area_text(text)
            self._open_key_area(area_text, area_ref or ref, where)
            return
        depth = ref_depth(ref)
        if depth == 1:
            self._open_key_area(text, ref, where)
            return
        if depth >= 2:
            self._open_objective(text, ref, where)
            return
        under_heading = self.key_area_from_heading or (self.key_area is None and self.pending is not None)
        if under_heading and mapping.column_of("workstream") is None:
            self._open_objective(text, ref, where)
        else:
            self._open_key_area(text, ref, where)

    def _open_key_area(self, text: str, ref: str, where: str, *, from_heading: bool = False) -> DraftItem:
        self.pending = None if not from_heading else self.pending
        existing = next(
            (r for r in self.roots if (ref and r.ref == ref) or (not ref and header_key(r.text) == header_key(text))),
            None,
        )
        if existing is None:
            existing = DraftItem(PlanItemKind.KEY_AREA, text, ref=ref, where=where)
            self.roots.append(existing)
        self.key_area = existing
        self.key_area_from_heading = from_heading
        self.workstream = self.objective = None
        self.last_action = None
        return existing

    def _current_key_area(self) -> DraftItem:
        if self.key_area is not None:
            return self.key_area
        if self.pending is not None:
            pending = self.pending
            made = self._open_key_area(pending.text, pending.ref, pending.where, from_heading=True)
            made.outcomes.extend(pending.outcomes)
            pending.outcomes = made.outcomes
            pending.made = made
            return made
        made = self._open_key_area(self.fallback_name or "Plan", "", self.fallback_where, from_heading=True)
        if self.document.kind == "docx":
            self.problems.append(
                Problem(
                    Severity.WARNING,
                    self.fallback_where,
                    f"no heading names the key area of these rows; they were put under a key area called "
                    f"“{made.text}”. Rename it after the import, or add a heading above the table",
                )
            )
        return made

    def _open_objective(self, text: str, ref: str, where: str) -> None:
        parent = self._current_key_area()
        self._check_ref(ref, parent, where)
        self.objective = DraftItem(PlanItemKind.OBJECTIVE, text, ref=ref, where=where)
        parent.children.append(self.objective)
        self.workstream = None
        self.last_action = None

    def _workstream(self, mapping: TableMapping, row: RawRow, name: str) -> None:
        if not name:
            return
        if self.workstream is not None and header_key(self.workstream.text) == header_key(name):
            return
        parent = self._current_key_area()
        existing = next(
            (
                c
                for c in parent.children
                if c.kind is PlanItemKind.WORKSTREAM and header_key(c.text) == header_key(name)
            ),
            None,
        )
        if existing is None:
            where = mapping.where(row, "workstream")
            existing = DraftItem(PlanItemKind.WORKSTREAM, name, where=where)
            parent.children.append(existing)
        self.workstream = existing
        self.objective = None

    def _action(self, mapping: TableMapping, row: RawRow, text: str, ref: str, values: dict[str, str]) -> None:
        parent = self.objective or self.workstream or self._current_key_area()
        where = mapping.table.where(row.row_number)
        item = DraftItem(PlanItemKind.ACTION, text, ref=ref, where=where)
        item.cells = {name: mapping.location(row, name) for name in mapping.field_columns}
        self._check_ref(ref, parent, where)
        due_text = values.get("due", "")
        item.due_text = due_text
        if due_text:
            item.due = parse_due_text(due_text)
            if item.due.kind is PlanDueKind.INVALID:
                self.problems.append(
                    mapping.table.problem(
                        Severity.WARNING,
                        f"due “{_short(due_text)}” is not a date ({item.due.note}); it is kept as written, "
                        f"with no date to sort or chase by",
                        row.row_number,
                        mapping.column_of("due"),
                        mapping.header_of("due"),
                    )
                )
        item.lead_text = values.get("lead", "")
        item.status_text, item.status_history = self._ratings(mapping, row, values, "status", item)
        item.impact_text, item.impact_history = self._ratings(mapping, row, values, "impact", item)
        if values.get("outcomes"):
            item.outcomes.append(values["outcomes"])
        item.evidence_of_impact = values.get("evidence", "")
        item.oversight_group = values.get("oversight", "")
        item.kpi_refs_text = values.get("kpi_refs", "")
        rec_text = values.get("recommendation_refs", "")
        item.recommendation_refs_text = rec_text
        if rec_text:
            parsed = parse_recommendation_refs(rec_text)
            item.recommendation_refs = parsed.refs
            item.all_recommendations = parsed.all
            if parsed.unread:
                self.problems.append(
                    mapping.table.problem(
                        Severity.WARNING,
                        f"could not read {', '.join(f'“{u}”' for u in parsed.unread)} as recommendation refs; "
                        f"the cell is kept as written",
                        row.row_number,
                        mapping.column_of("recommendation_refs"),
                        mapping.header_of("recommendation_refs"),
                    )
                )
        parent.children.append(item)
        self.last_action = item

    def _ratings(
        self, mapping: TableMapping, row: RawRow, values: dict[str, str], name: str, item: DraftItem
    ) -> tuple[str, list[str]]:
        """A status cell's ratings, oldest first (one per line: a history), and any sentence moved to outcomes."""
        text = values.get(name, "")
        ratings, sentences = split_ratings(text)
        for sentence in sentences:
            item.outcomes.append(sentence)
            self.problems.append(
                mapping.table.problem(
                    Severity.WARNING,
                    f"“{_short(sentence)}” is a sentence, not a rating: it was imported as an outcome of the action"
                    + (f", and {ratings[-1]} as its rating" if ratings else ", and the action has no rating"),
                    row.row_number,
                    mapping.column_of(name),
                    mapping.header_of(name),
                )
            )
        return text, ratings

    def _check_ref(self, ref: str, parent: DraftItem, where: str) -> None:
        if not ref:
            return
        if ref in self.refs_seen:
            self.problems.append(
                Problem(Severity.WARNING, where, f"the ref {ref} is used twice (also at {self.refs_seen[ref]})")
            )
        else:
            self.refs_seen[ref] = where
        if ref_depth(ref) >= 2 and parent.ref and ref_depth(parent.ref) and not ref.startswith(parent.ref + "."):
            self.problems.append(
                Problem(
                    Severity.WARNING,
                    where,
                    f"the ref {ref} is not numbered under {parent.ref} “{_short(parent.text)}”, the section it is in",
                )
            )

    # -- after the rows ------------------------------------------------------------------------------
    def _describe_key_areas(self, mapped: dict[int, TableMapping]) -> None:
        """A two-column table whose first column names the key areas gives their descriptions (002)."""
        keys = {header_key(r.text): r for r in self.roots if r.kind is PlanItemKind.KEY_AREA}
        for index, table in enumerate(self.document.tables):
            if index in mapped or table.width != 2:
                continue
            found: dict[int, list[str]] = {}
            current: DraftItem | None = None
            for row in table.rows:
                name, text = row.cells[0].text, row.cells[1].text
                if name:
                    current = keys.get(header_key(name))
                if current is not None and text:
                    found.setdefault(id(current), []).append(text)
            if len(found) >= 2:
                for item in keys.values():
                    if id(item) in found and not item.description:
                        item.description = "\n\n".join(found[id(item)])

    def _check_empty_sections(self) -> None:
        for item in self.walk():
            if item.kind is not PlanItemKind.ACTION and not item.children:
                self.problems.append(
                    Problem(
                        Severity.WARNING,
                        item.where,
                        f"the {item.kind.value.replace('_', ' ')} “{_short(item.text)}” has no actions under it",
                    )
                )

    def walk(self) -> Iterator[DraftItem]:
        for root in self.roots:
            yield from root.walk()


_FIELD_WORDS = {
    "lead": "lead",
    "due": "due",
    "status": "status",
    "evidence": "evidence",
    "oversight": "oversight",
    "kpi_refs": "KPI ref",
    "recommendation_refs": "recommendation ref",
    "impact": "impact rating",
    "outcomes": "outcome",
}

# The words that start a rating; anything longer than a few words that starts otherwise is a sentence.
RATING_WORDS = frozenset(
    {
        "red",
        "amber",
        "yellow",
        "green",
        "blue",
        "grey",
        "gray",
        "black",
        "purple",
        "complete",
        "completed",
        "done",
        "closed",
        "achieved",
        "r",
        "a",
        "g",
        "b",
        "y",
    }
)
RATING_WORDS_MAX = 4


def split_ratings(text: str) -> tuple[list[str], list[str]]:
    """ "Green\nYellow\nYellow\nGreen" → ratings oldest first; a long sentence is not a rating.

    One rating per line (paragraph); a single line made only of colour words ("Green Yellow Green")
    is a history too. Returns (ratings, sentences).
    """
    lines = [_BULLET.sub("", line).strip(" -–•") for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        words = [w.strip(".,;/").casefold() for w in lines[0].split()]
        if len(words) > 1 and all(w in RATING_WORDS and len(w) > 1 for w in words):
            return [w.strip(".,;/") for w in lines[0].split()], []
    ratings, sentences = [], []
    for line in lines:
        first = re.split(r"[\s\-–:,/.]+", line.casefold(), maxsplit=1)[0]
        if len(line.split()) > RATING_WORDS_MAX and first not in RATING_WORDS:
            sentences.append(line)
        else:
            ratings.append(line)
    return ratings, sentences


def _looks_like_codes(text: str) -> bool:
    """ "R3", "B12", "Rec 4", "R3, R5", "12": recommendation codes rather than prose."""
    parsed = parse_recommendation_refs(text)
    return bool(parsed.refs) and not parsed.unread and not parsed.all and ref_depth(text) <= 1


def _column_values(mapping: TableMapping, column: int, header: str) -> list[str]:
    """The texts of a column's data rows, leaving out merged-down cells and repeats of its header."""
    return [
        row.cells[column].text
        for row in mapping.table.data_rows
        if column < len(row.cells)
        and row.cells[column].text
        and not row.cells[column].is_merged_continuation
        and header_key(row.cells[column].text) != header
    ]


def _repeats_header(row: RawRow, header_keys: Sequence[str]) -> bool:
    """A row that says again what the header row says (a table continued over a page break)."""
    filled = [c for c in row.cells if c.text and not c.is_merged_continuation]
    if len(filled) < 2:
        return False
    same = sum(1 for c in filled if c.column < len(header_keys) and header_keys[c.column] == header_key(c.text))
    return same == len(filled)


def _numeric_ref(mapping: TableMapping, row: RawRow) -> bool:
    cell = mapping.cell(row, "ref")
    return cell is not None and isinstance(cell.original_value, float) and not cell.original_value.is_integer()


def _title_above_header(table: RawTable) -> _Pending | None:
    """A title alone on its row above the header row ("Key Area 1: Effective Partnership Working")."""
    assert table.header_row_index is not None
    for row in reversed(table.rows[: table.header_row_index]):
        filled = [c for c in row.cells if not c.is_blank and not c.is_merged_continuation]
        if len(filled) == 1 and not ref_depth(filled[0].text) and not filled[0].text.isdigit():
            text, ref = _key_area_text(filled[0].text)
            return _Pending(text, ref, table.where(row.row_number))
    return None


def _key_area_text(text: str) -> tuple[str, str]:
    """("Effective Partnership Working", "1") from "Key Area 1: Effective Partnership Working"."""
    match = _KEY_AREA.match(text.strip())
    if match is not None and match.group(2).strip():
        return match.group(2).strip(), match.group(1)
    leading = _LEADING_REF.match(text.strip())
    if leading is not None and ref_depth(leading.group(1)) == 1:
        return leading.group(2).strip(), leading.group(1)
    return text.strip(), ""


def _headers_seen(table: RawTable) -> str:
    first = next((row for row in table.rows if not row.is_blank), None)
    if first is None:
        return "; it is empty"
    texts = [_short(c.text, 30) for c in first.cells if c.text and not c.is_merged_continuation]
    return f"; first row: {', '.join(repr(t) for t in texts[:6])}" if texts else ""


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
