"""Build the plan progress report from the plan services, and write it to Excel (.xlsx) or PDF.

    result = export_plan_report(session, plan_id, path, "xlsx")

The report is read through the same services the plan view uses, so it shows exactly what the
clerk sees: the tree (`services.plans.plan_tree`), the counts per status
(`services.plan_status.summarise`), each entry's ratings over time (`plan_status.timelines`) and
the board actions linked to it (`services.golden_thread.board_actions_by_item`) as the plan page's
golden thread shows them, the recommendations with their phases derived the register's way
(`services.recommendations.recommendation_rows`) and the KPIs (`services.kpis.kpi_rows`). Nothing
here queries the database itself, except the Part II module (`exporting/exempt`), which does not
trust the read models. The builder turns all of it into a frozen `PlanReportDocument` of cleaned,
display-ready text; the evidence pack (`evidence_pack/export.py`) shares the `Reader` below.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from sqlmodel import Session

from boardapp.core.enums import PlanDueKind, PlanItemKind, ScaleKind
from boardapp.exporting.backends.output import ExportResult
from boardapp.exporting.backends.text import Warnings, clean_text, long_date
from boardapp.exporting.errors import ExportError
from boardapp.exporting.exempt.guarded_write import write_checked
from boardapp.exporting.exempt.part2 import collect_part2, exempt_action_ids
from boardapp.exporting.meetings.builders import STATUS_LABELS
from boardapp.exporting.meetings.documents import DocumentInfo, exempt_mark
from boardapp.exporting.plan_report.document import (
    NOT_RATED,
    KeyAreaSection,
    KpiLine,
    PhaseMark,
    PlanReportDocument,
    PlanRow,
    RecommendationSummary,
    StatusCount,
    StatusEvent,
    StatusMark,
    normal_colour,
    short_date,
)
from boardapp.services.golden_thread import BoardActionBrief, board_actions_by_item
from boardapp.services.kpis import KpiRow, kpi_rows
from boardapp.services.navigator import list_plans
from boardapp.services.plan_status import AreaSummary, StatusChangeRow, summarise, timelines
from boardapp.services.plans import KIND_LABELS, Level, PlanNode, PlanTree, natural_key, plan_tree
from boardapp.services.recommendations import Phase, RecommendationRow, recommendation_rows

PLAN_REPORT_FORMATS = ("xlsx", "pdf")
SCALE_LABELS = {ScaleKind.PROGRESS: "Progress", ScaleKind.IMPACT: "Impact"}
DUE_NOTES = {PlanDueKind.ONGOING: "Ongoing", PlanDueKind.RECURRING: "Recurring"}


# -- errors and look-ups --------------------------------------------------------------------------
class PlanNotFound(ExportError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        listed = "\n".join(f"  {plan}" for plan in known) or "  (there are no plans yet)"
        super().__init__(f"No plan is called {name!r}. The plans are:\n{listed}")


class RecommendationNotFound(ExportError):
    def __init__(self, ref: str, plan: str, known: list[str]) -> None:
        self.ref = ref
        self.known = known
        listed = ", ".join(known) if known else "(none yet)"
        super().__init__(f"The plan {plan!r} addresses no recommendation {ref!r}. Its recommendations are: {listed}.")


class UnsupportedFormat(ExportError):
    def __init__(self, what: str, fmt: str, formats: Sequence[str]) -> None:
        self.fmt = fmt
        super().__init__(f"{what} is written as {' or '.join(formats)}, not {fmt or 'an unnamed format'!r}.")


def check_format(what: str, fmt: str, formats: Sequence[str]) -> str:
    value = str(fmt).lower().lstrip(".")
    if value not in formats:
        raise UnsupportedFormat(what, str(fmt), formats)
    return value


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def plan_names(session: Session) -> list[str]:
    """Every plan's name, in name order (the navigator's list of plans)."""
    return [plan.name for plan in list_plans(session)]


def find_plan(session: Session, name: str) -> int:
    """The id of the plan called `name`: exact, then ignoring case and spacing, then the one plan
    whose name contains it. Raises PlanNotFound listing the plans otherwise."""
    plans = [(plan.id, plan.name) for plan in list_plans(session)]
    wanted = _squash(name)
    for match in (lambda n: n == name, lambda n: _squash(n) == wanted):
        found = [plan_id for plan_id, plan_name in plans if match(plan_name)]
        if len(found) == 1:
            return found[0]
    containing = [(plan_id, plan_name) for plan_id, plan_name in plans if wanted and wanted in _squash(plan_name)]
    if len(containing) == 1:
        return containing[0][0]
    raise PlanNotFound(name, [n for _i, n in (containing if len(containing) > 1 else plans)])


def _ref_words(ref: str) -> str:
    return re.sub(r"^(recommendation|rec\.?)\s*", "", " ".join(ref.split()), flags=re.IGNORECASE).casefold()


def find_recommendation(session: Session, plan_id: int, ref: str) -> int:
    """The id of the plan's recommendation `ref` ("4", "Recommendation 4", "B12")."""
    rows = recommendation_rows(session, plan_id)
    wanted = _ref_words(ref)
    found = [row for row in rows if _ref_words(row.ref) == wanted]
    if len(found) == 1:
        return found[0].id
    if len(found) > 1:
        raise ExportError(
            f"More than one review made a recommendation {ref!r} ({'; '.join(r.source_title for r in found)}); "
            "export the evidence pack for all recommendations instead."
        )
    plan = next((p.name for p in list_plans(session) if p.id == plan_id), str(plan_id))
    raise RecommendationNotFound(ref, plan, [row.ref for row in rows])


# -- from the services' plain data to display-ready marks ----------------------------------------------
class Reader:
    """What both reports read, cleaned for every backend as it goes (warnings collected once)."""

    def __init__(self, warnings: Warnings) -> None:
        self.warnings = warnings
        self._marks: dict[Level, StatusMark] = {}

    def clean(self, text: str | None, where: str, *, multiline: bool = False) -> str:
        return clean_text(text, where, self.warnings, multiline=multiline)

    def mark(self, level: Level | None) -> StatusMark | None:
        if level is None:
            return None
        if level not in self._marks:
            self._marks[level] = self._mark(level)
        return self._marks[level]

    def _mark(self, level: Level) -> StatusMark:
        return StatusMark(
            code=self.clean(level.code, "Status code") or "?",
            label=self.clean(level.label or level.code, "Status label"),
            colour=normal_colour(level.colour),
            meaning=self.clean(level.meaning, "Status meaning"),
            complete=level.means_complete,
        )

    def scale(self, levels: Sequence[Level]) -> tuple[StatusMark, ...]:
        return tuple(m for m in (self.mark(lv) for lv in sorted(levels, key=lambda lv: lv.position)) if m)

    def events(self, changes: Sequence[StatusChangeRow]) -> list[StatusEvent]:
        """A timeline (newest first, as the services give it) as the reports print it: oldest first."""
        return [
            StatusEvent(
                on=change.changed_on,
                scale=SCALE_LABELS.get(change.scale_kind, str(change.scale_kind)),
                status=self.mark(change.level) or NOT_RATED,
                previous=self.mark(change.previous),
                by=self.clean(change.changed_by, "Status changed by"),
                reason=self.clean(change.reason, "Status reason", multiline=True),
                meeting_date=change.meeting_date,
            )
            for change in reversed(changes)
        ]

    def phase(self, phase: Phase) -> PhaseMark:
        how = self.clean(phase.tooltip, "Recommendation phase")
        return PhaseMark(value=phase.value, derived=phase.derived, set_by_hand=phase.is_set_by_hand, how=how)

    def recommendation(self, row: RecommendationRow) -> RecommendationSummary:
        where = row.label
        return RecommendationSummary(
            ref=self.clean(row.ref, where),
            text=self.clean(row.text, where, multiline=True),
            source=self.clean(row.source_title, "Review title"),
            key_area=self.clean(row.key_area, where),
            lead=self.clean(row.lead, where),
            plan_action_refs=tuple(self.clean(a.ref or a.text[:40], where) for a in row.actions),
            actions_complete=self.phase(row.actions_complete),
            impact_evidenced=self.phase(row.impact_evidenced),
            signed_off=row.signed_off_label,
        )

    def kpi(self, row: KpiRow) -> KpiLine:
        where = f"KPI {row.ref}"
        return KpiLine(
            ref=self.clean(row.ref, where),
            measure=self.clean(row.measure, where, multiline=True),
            responsible_officer=self.clean(row.responsible_officer, where),
            frequency=self.clean(row.frequency, where),
            unit=self.clean(row.unit, where),
            higher_is_better=row.higher_is_better,
            target=row.target,
            target_date=row.target_date,
            baseline=row.baseline,
            baseline_label=self.clean(row.baseline_label, where),
            benchmark=row.benchmark,
            benchmark_label=self.clean(row.benchmark_label, where),
            values=tuple((point.period_end, point.value) for point in row.values),
            status=row.status.label,
            plan_item_refs=tuple(self.clean(r, where) for r in row.plan_item_refs if r),
        )

    def kpis_of_items(self, kpis: dict[int, list[KpiRow]]) -> dict[int, list[KpiLine]]:
        """The KPIs linked to each entry (`plan_documents.kpis_by_item`), in ref order; each KPI cleaned once."""
        distinct = {row.id: row for rows in kpis.values() for row in rows}
        lines = {kpi_id: self.kpi(distinct[kpi_id]) for kpi_id in sorted(distinct)}
        return {item_id: [lines[row.id] for row in rows] for item_id, rows in kpis.items()}


def linked_in_report_order(actions: Sequence[BoardActionBrief]) -> list[BoardActionBrief]:
    """The board actions linked to an entry, oldest raised first, then in minute order."""
    return sorted(actions, key=lambda a: (a.raised_on or dt.date.max, a.position, natural_key(a.ref)))


def first_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[0] if text else ""


def current_since(
    history: Sequence[StatusEvent], current: StatusMark | None, scale: str = "Progress"
) -> dt.date | None:
    """The date the entry's current rating was first given, in its latest unbroken run."""
    if current is None:
        return None
    since = None
    for event in reversed([e for e in history if e.scale == scale]):
        if event.status.code != current.code:
            break
        since = event.on
    return since


def latest_update(history: Sequence[StatusEvent], scale: str = "Progress") -> str:
    """ "Strategy agreed by partners (Jane Booth, 12 Mar 2019 meeting)": the latest rating's reason."""
    events = [e for e in history if e.scale == scale]
    if not events:
        return ""
    event = events[-1]
    meeting = f"{short_date(event.meeting_date)} meeting" if event.meeting_date else ""
    who = ", ".join(p for p in (event.by, meeting) if p)
    if not who:
        return event.reason
    return f"{event.reason} ({who})" if event.reason else who


def outcome_lines(text: str) -> tuple[str, ...]:
    lines = (re.sub(r"^\s*(?:[-•▪*]\s+)", "", line).strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def board_action_label(action: BoardActionBrief) -> str:
    return f"{action.ref} ({STATUS_LABELS.get(action.status, str(action.status))})"


def area_of(tree: PlanTree) -> dict[int, PlanNode]:
    """Each entry's key area (the root above it)."""
    found: dict[int, PlanNode] = {}

    def walk(node: PlanNode, root: PlanNode) -> None:
        found[node.id] = root
        for child in node.children:
            walk(child, root)

    for root in tree.roots:
        walk(root, root)
    return found


# -- the plan report ------------------------------------------------------------------------------
def build_plan_report(
    session: Session, plan_id: int, *, as_of: dt.date | None = None, public: bool = False
) -> PlanReportDocument:
    """The plan with every key area, its actions' current status, the counts per status, the
    recommendations' phases and the KPIs, as at `as_of` (today by default)."""
    as_of = as_of or dt.date.today()
    warnings = Warnings()
    reader = Reader(warnings)
    try:
        tree = plan_tree(session, plan_id)
    except LookupError:
        raise PlanNotFound(str(plan_id), plan_names(session)) from None
    ids = [node.id for node in tree.walk()]
    histories = {item_id: reader.events(changes) for item_id, changes in timelines(session, ids).items()}
    links = {
        item_id: linked_in_report_order(actions) for item_id, actions in board_actions_by_item(session, ids).items()
    }
    # Part II: an exempt board action is left out of the public report and marked in the full one.
    exempt = exempt_action_ids(session, [a.id for actions in links.values() for a in actions])
    if public:
        links = {key: [a for a in actions if a.id not in exempt] for key, actions in links.items()}

    def action_label(action: BoardActionBrief) -> str:
        label = board_action_label(action)
        return f"{label} {exempt_mark(action.exempt_paragraph)}" if action.id in exempt else label

    scale = reader.scale(tree.progress_scale)

    def row(node: PlanNode, depth: int) -> PlanRow:
        where = f"Plan entry {node.ref}".strip()
        progress = reader.mark(node.progress)
        is_section = node.kind is not PlanItemKind.ACTION
        if not is_section and progress is None:
            progress = NOT_RATED
        history = histories.get(node.id, [])
        due_note = DUE_NOTES.get(node.due_kind, "")
        if node.due_kind is PlanDueKind.INVALID:
            due_note = reader.clean(node.due_note, where) or "Not a real date"
        due_date = node.due_date if node.due_kind is PlanDueKind.DATE else None
        complete = progress is not None and progress.complete
        return PlanRow(
            is_section=is_section,
            depth=depth,
            kind=node.kind_label,
            ref=reader.clean(node.ref, where),
            text=reader.clean(node.text, where, multiline=True),
            lead=reader.clean(node.lead_label, where),
            due_text=reader.clean(node.due_text, where),
            due_date=due_date,
            due_note=due_note,
            overdue=not is_section and due_date is not None and due_date < as_of and not complete,
            progress=progress,
            progress_since=current_since(history, progress),
            latest_update=latest_update(history),
            impact=reader.mark(node.impact),
            evidence_of_impact=reader.clean(node.evidence_of_impact, where, multiline=True),
            recommendation_refs=tuple(reader.clean(r, where) for r in node.recommendation_refs),
            kpi_refs=reader.clean(node.kpi_refs_text, where),
            board_actions=tuple(reader.clean(action_label(a), where) for a in links.get(node.id, [])),
            oversight_group=reader.clean(node.oversight_group, where),
        )

    def subtree(node: PlanNode, depth: int) -> list[PlanRow]:
        rows = [row(node, depth)]
        for child in node.children:
            rows += subtree(child, depth + 1)
        return rows

    def counts(summary: AreaSummary) -> tuple[StatusCount, ...]:
        return tuple(StatusCount(reader.mark(c.level) or NOT_RATED, c.count) for c in summary.counts)

    summary = summarise(tree, ScaleKind.PROGRESS)
    by_root = {area.item_id: area for area in summary.areas}
    areas = []
    for root in tree.roots:
        if root.kind is PlanItemKind.ACTION:  # an action with no key area above it: an area of its own
            area_rows = subtree(root, 0)
        else:
            area_rows = [r for child in root.children for r in subtree(child, 0)]
        where = f"Key area {root.ref}".strip()
        areas.append(
            KeyAreaSection(
                ref=reader.clean(root.ref, where),
                title=reader.clean(first_line(root.text), where),
                kind=KIND_LABELS.get(root.kind, "Key area") if root.kind is not PlanItemKind.ACTION else "Key area",
                description=reader.clean(root.description, where, multiline=True),
                outcomes=outcome_lines(reader.clean(root.outcomes, where, multiline=True)),
                rows=tuple(area_rows),
                counts=counts(by_root[root.id]),
            )
        )
    all_rows = [r for area in areas for r in area.rows]
    recommendations = [reader.recommendation(r) for r in recommendation_rows(session, plan_id)]
    kpis = [reader.kpi(k) for k in kpi_rows(session, plan_id)]
    plan_name = reader.clean(tree.name, "Plan name")
    board = reader.clean(tree.board_name, "Board name")
    return PlanReportDocument(
        plan_name=plan_name,
        board_name=board,
        period_text=reader.clean(tree.period_text, "Plan period"),
        as_of=as_of,
        scale_name=reader.clean(tree.progress_scale_name, "Scale name"),
        scale=scale,
        impact_scale=reader.scale(tree.impact_scale),
        areas=tuple(areas),
        whole=counts(summary.whole),
        recommendations=tuple(recommendations),
        kpis=tuple(kpis),
        info=DocumentInfo(
            title=f"{plan_name}: progress report",
            author=board or "BoardApp",
            subject=f"Progress on {plan_name} as at {long_date(as_of)}",
            keywords="improvement plan, progress report, RAG status",
        ),
        shows_impact=bool(tree.impact_scale) or any(r.impact for r in all_rows),
        shows_evidence=any(r.evidence_of_impact for r in all_rows),
        shows_refs=any(r.ref for r in all_rows),
        shows_updates=any(r.latest_update for r in all_rows),
        shows_kpi_refs=any(r.kpi_refs for r in all_rows),
        shows_oversight=any(r.oversight_group for r in all_rows),
        shows_recommendations=bool(recommendations) or any(r.recommendation_refs for r in all_rows),
        shows_board_actions=any(r.board_actions for r in all_rows),
        warnings=warnings.as_tuple(),
        public=public,
        confidential=not public and any(a.id in exempt for actions in links.values() for a in actions),
    )


# -- writing it -----------------------------------------------------------------------------------
def export_plan_report(
    session: Session,
    plan_id: int,
    path: str | Path,
    fmt: str,
    *,
    as_of: dt.date | None = None,
    public: bool = False,
) -> ExportResult:
    """Write the plan progress report to `path` as .xlsx or .pdf (atomically: all or nothing); the
    public version leaves out exempt board actions and is checked by the exempt-text guard."""
    fmt = check_format("The plan progress report", fmt, PLAN_REPORT_FORMATS)
    document = build_plan_report(session, plan_id, as_of=as_of, public=public)
    warnings = Warnings()
    warnings.extend(document.warnings)
    exempt = collect_part2(session) if public else None
    # The backends are imported when first used: openpyxl need not load with the app.
    if fmt == "xlsx":
        from boardapp.exporting.plan_report.to_xlsx import render_plan_report_xlsx as render
    else:
        from boardapp.exporting.plan_report.to_pdf import render_plan_report_pdf as render
    return write_checked(path, document, render, fmt, warnings, exempt, what="plan report")
