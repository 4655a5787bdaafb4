"""The plan progress report: its document model agrees with the plan services, and the Excel and
PDF files read back with what an improvement lead hands an inspector (a sheet per key area and
a summary, status fills in the scale's colours, real dates, a frozen filterable header, counts
per status, no formula injection; the PDF's text and bookmarks)."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader
from sqlmodel import Session, select

from boardapp.core.enums import PlanItemKind, ScaleKind
from boardapp.core.models import PlanItem, Recommendation
from boardapp.exporting.errors import OutputNotWritable
from boardapp.exporting.plan_report.document import NOT_RATED_LABEL, text_colour_on
from boardapp.exporting.plan_report.export import (
    PlanNotFound,
    UnsupportedFormat,
    build_plan_report,
    export_plan_report,
    find_plan,
)
from boardapp.exporting.plan_report.to_xlsx import area_sheet_name
from boardapp.services.kpis import kpi_rows
from boardapp.services.plan_status import summarise
from boardapp.services.plans import plan_tree
from boardapp.services.recommendations import recommendation_rows
from boardapp.store.database import Store
from tests.helpers.exporting_readback import flat
from tests.helpers.plan_report import (
    APRIL,
    AS_OF,
    ENCOMPASS_REASON,
    EVIDENCE_NEGLECT,
    Enriched,
    item_texts,
)

AREAS = (
    "Key Area 1: Effective Partnership Working",
    "Key Area 2: Prevention",
    "Key Area 3: Purposeful Practice",
    "Key Area 4: Permanence and Corporate Parenting",
    "Key Area 5: Effective Use of Performance Data",
)
COLOURS = {"Red": "C00000", "Amber": "FFC000", "Green": "00B050", "Blue": "2F5597"}


@pytest.fixture
def plan_session(demo_store: Store, enriched: Enriched) -> Iterator[Session]:
    with demo_store.session() as opened:
        yield opened


# -- the document model ---------------------------------------------------------------------------
def test_key_areas_rows_and_current_status(plan_session: Session, enriched: Enriched) -> None:
    report = build_plan_report(plan_session, enriched.plan_id, as_of=AS_OF)
    assert [a.heading for a in report.areas] == list(AREAS)
    assert [m.label for m in report.scale] == ["Red", "Amber", "Green", "Blue"]
    first = report.areas[0]
    assert first.outcomes[0].startswith("Effective, collaborative partnership working arrangements")
    rows = {r.ref: r for r in first.rows}
    assert rows["1.1"].is_section and rows["1.1"].progress is None
    neglect = rows["1.2.1"]
    assert not neglect.is_section and neglect.progress is not None
    assert (neglect.progress.label, neglect.progress.colour, neglect.progress.complete) == ("Blue", "#2F5597", True)
    assert neglect.progress_since == APRIL
    assert neglect.latest_update == "Neglect Strategy launched by the LSCB (Sally Allen, 9 Apr 2019 meeting)"
    assert neglect.recommendation_refs == ("5",)
    assert neglect.board_actions == (f"{enriched.actions['neglect']} (Closed)",)
    assert neglect.evidence_of_impact == EVIDENCE_NEGLECT
    encompass = rows["1.3.6"]
    assert encompass.progress is not None and encompass.progress.label == "Red"
    assert encompass.latest_update.startswith(ENCOMPASS_REASON)
    assert encompass.due_date == dt.date(2019, 1, 31) and encompass.overdue  # due January 2019, Red at 30 April
    assert not neglect.overdue  # complete: never overdue
    assert rows["1.3.2"].due_note == "Recurring" and rows["1.3.2"].due_date is None  # "Quarterly Monitoring"
    assert rows["1.1.2"].progress is not None and rows["1.1.2"].progress.label == NOT_RATED_LABEL


def test_counts_per_status_agree_with_the_plan_service(plan_session: Session, enriched: Enriched) -> None:
    report = build_plan_report(plan_session, enriched.plan_id, as_of=AS_OF)
    summary = summarise(plan_tree(plan_session, enriched.plan_id), ScaleKind.PROGRESS)
    assert [(c.status.label, c.count) for c in report.whole] == [(c.label, c.count) for c in summary.whole.counts]
    for area, service_area in zip(report.areas, summary.areas, strict=True):
        assert [c.count for c in area.counts] == [c.count for c in service_area.counts]
    counts = {c.status.label: c.count for c in report.whole}
    assert counts == {"Red": 1, "Amber": 1, "Green": 1, "Blue": 7, NOT_RATED_LABEL: 99}
    assert {c.status.label: c.count for c in report.areas[0].counts} == {
        "Red": 1,
        "Amber": 0,
        "Green": 0,
        "Blue": 6,
        NOT_RATED_LABEL: 6,
    }


def test_recommendation_phases_agree_with_the_recommendations_service(
    plan_session: Session, enriched: Enriched
) -> None:
    report = build_plan_report(plan_session, enriched.plan_id, as_of=AS_OF)
    service = {row.ref: row for row in recommendation_rows(plan_session, enriched.plan_id)}
    assert [r.ref for r in report.recommendations] == [str(n) for n in range(1, 12)]
    for rec in report.recommendations:
        row = service[rec.ref]
        for mine, theirs in (
            (rec.actions_complete, row.actions_complete),
            (rec.impact_evidenced, row.impact_evidenced),
        ):
            assert (mine.value, mine.derived, mine.set_by_hand) == (theirs.value, theirs.derived, theirs.is_set_by_hand)
        assert bool(rec.signed_off) == row.signed_off
        assert list(rec.plan_action_refs) == [a.ref for a in row.actions]
    by_ref = {r.ref: r for r in report.recommendations}
    assert (by_ref["5"].actions_complete.label, by_ref["5"].impact_evidenced.label) == ("Yes", "Yes")
    assert by_ref["5"].signed_off == "9 April 2019 meeting" and by_ref["5"].phases_done == 3
    assert by_ref["11"].actions_complete.set_by_hand and by_ref["11"].actions_complete.label == "Yes"
    assert by_ref["11"].actions_complete.derived is False
    assert by_ref["1"].impact_evidenced.label == "No"  # 1.1.1 has evidence, the rest of its actions none


def test_recommendation_phases_with_an_impact_scale(plan_session: Session, enriched: Enriched) -> None:
    """An impact rating counts when its level is marked complete (else the top of its scale)."""
    from boardapp.services.plan_status import create_preset_scale, set_plan_scale, set_status

    scale_id, _ = create_preset_scale(plan_session, "Evidence of impact")
    set_plan_scale(plan_session, enriched.plan_id, ScaleKind.IMPACT, scale_id)
    levels = {lv.code: lv.id for lv in plan_tree(plan_session, enriched.plan_id).impact_scale}
    for ref, code in (("2.1.1", "EVIDENCED"), ("2.1.2", "EMERGING")):
        set_status(plan_session, enriched.items[ref], levels[code], changed_on=APRIL, scale_kind=ScaleKind.IMPACT)
    plan_session.flush()
    report = build_plan_report(plan_session, enriched.plan_id, as_of=AS_OF)
    service = {row.ref: row for row in recommendation_rows(plan_session, enriched.plan_id)}
    for rec in report.recommendations:
        theirs = service[rec.ref].impact_evidenced
        assert (rec.impact_evidenced.value, rec.impact_evidenced.derived) == (theirs.value, theirs.derived)
    assert report.shows_impact
    row = next(r for r in report.areas[1].rows if r.ref == "2.1.1")
    assert row.impact is not None and row.impact.label == "Evidenced"


def test_kpis_agree_with_the_kpi_service(plan_session: Session, enriched: Enriched) -> None:
    report = build_plan_report(plan_session, enriched.plan_id, as_of=AS_OF)
    service = kpi_rows(plan_session, enriched.plan_id)
    assert [(k.ref, k.status) for k in report.kpis] == [(k.ref, k.status.label) for k in service]
    assert [(k.ref, k.status) for k in report.kpis] == [("1a", "On target"), ("1b", "Off target")]
    assert report.kpis[0].plan_item_refs == ("1.2.5",)
    assert report.kpis[0].target_label == "≤ 22%"


def test_a_plan_without_a_scale_or_refs(plan_session: Session, enriched: Enriched) -> None:
    report = build_plan_report(plan_session, enriched.twelve_week_id, as_of=AS_OF)
    assert report.scale == () and report.recommendations == ()
    assert [a.heading for a in report.areas] == [
        "MASH/Early Help",
        "Quality of Practice",
        "Placement Sufficiency",
        "Child Sexual Exploitation",
        "Workforce",
    ]
    assert [(c.status.label, c.count) for c in report.whole] == [(NOT_RATED_LABEL, report.action_count)]
    linked = [r for a in report.areas for r in a.rows if r.board_actions]
    assert len(linked) == 6  # the demo's board actions linked to the 12 week plan
    assert all(r.board_actions[0].startswith("IB-20170801-") for r in linked)


def test_find_plan_by_name_part_or_case(plan_session: Session, enriched: Enriched) -> None:
    assert find_plan(plan_session, "better for children") == enriched.plan_id
    assert find_plan(plan_session, "12 week improvement plan") == enriched.twelve_week_id
    with pytest.raises(PlanNotFound, match="No plan is called 'Getting to Good'") as raised:
        find_plan(plan_session, "Getting to Good")
    assert "12 Week Improvement Plan August – October 2017" in str(raised.value)
    with pytest.raises(PlanNotFound):
        find_plan(plan_session, "Plan")  # in both names: ambiguous


def test_text_colour_reads_on_every_fill() -> None:
    assert text_colour_on("#C00000") == "#FFFFFF"
    assert text_colour_on("#2F5597") == "#FFFFFF"
    assert text_colour_on("#FFC000") == "#1A1A1A"
    assert text_colour_on("#FFD966") == "#1A1A1A"
    assert text_colour_on("not a colour") == "#1A1A1A"


# -- Excel ------------------------------------------------------------------------------------------
def _header(ws: Worksheet, first: str = "Ref") -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows(min_row=1, max_row=12):
        if row[0].value == first:
            return row[0].row, {str(c.value): c.column for c in row if c.value is not None}
    raise AssertionError(f"no header row in {ws.title}")


def _row_of(ws: Worksheet, column: int, value: str) -> int:
    for (cell,) in ws.iter_rows(min_col=column, max_col=column):
        if cell.value == value:
            return cell.row
    raise AssertionError(f"{value!r} not in {ws.title}")


def _fill(cell: openpyxl.cell.cell.Cell) -> str:
    return str(cell.fill.fgColor.rgb)[-6:]


def test_excel_sheets_header_filter_and_frozen_panes(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "plan.xlsx"
    result = export_plan_report(plan_session, enriched.plan_id, target, "xlsx", as_of=AS_OF)
    assert result.path == target and result.warnings == ()
    book = openpyxl.load_workbook(target)
    names = ["Summary", *(f"{h.split(': ')[0][9:]} {h.split(': ')[1]}"[:31].rstrip() for h in AREAS)]
    assert book.sheetnames == [*names, "Recommendations", "KPIs"]
    assert book.properties.title.startswith("Better for Children") and "progress report" in book.properties.title
    for name in book.sheetnames[1:6]:
        ws = book[name]
        row, columns = _header(ws)
        assert row == 3
        assert list(columns)[:8] == [
            "Ref",
            "Action",
            "Lead",
            "Due (as written)",
            "Due date",
            "Status",
            "Status since",
            "Latest update",
        ]
        head = ws.cell(row=row, column=1)
        assert head.font.b and str(head.font.color.rgb).endswith("FFFFFF") and _fill(head) == "1F3864"
        assert ws.freeze_panes == "C4"
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A3:")
        assert ws.print_title_rows == "$3:$3"
        assert ws.page_setup.orientation == "landscape"
    assert book["1 Effective Partnership Working"]["A1"].value == AREAS[0]


def test_excel_status_fills_dates_and_texts(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "plan.xlsx"
    export_plan_report(plan_session, enriched.plan_id, target, "xlsx", as_of=AS_OF)
    ws = openpyxl.load_workbook(target)["1 Effective Partnership Working"]
    _, columns = _header(ws)
    status, due, since = columns["Status"], columns["Due date"], columns["Status since"]
    for ref, label in (("1.3.6", "Red"), ("1.2.1", "Blue"), ("1.1.1", "Blue")):
        cell = ws.cell(row=_row_of(ws, 1, ref), column=status)
        assert cell.value == label and _fill(cell) == COLOURS[label]
        assert str(cell.font.color.rgb).endswith("FFFFFF")  # white reads on red and blue
    not_rated = ws.cell(row=_row_of(ws, 1, "1.1.2"), column=status)
    assert not_rated.value == NOT_RATED_LABEL and not_rated.fill.fill_type is None
    row = _row_of(ws, 1, "1.1.1")
    assert ws.cell(row=row, column=due).value == dt.datetime(2018, 11, 30)  # "November 2018": a real date
    assert ws.cell(row=row, column=due).is_date
    assert ws.cell(row=row, column=since).value == dt.datetime(2019, 4, 9)
    assert ws.cell(row=row, column=columns["Due (as written)"]).value == "November 2018"
    assert ws.cell(row=row, column=columns["Recommendations"]).value == "1, 5, 6, 8, 11"
    late = ws.cell(row=_row_of(ws, 1, "1.3.6"), column=due)
    assert str(late.font.color.rgb).endswith("C00000")  # overdue: due date in red
    section = _row_of(ws, 1, "1.2")
    assert ws.cell(row=section, column=2).font.b and _fill(ws.cell(row=section, column=2)) == "E7E6E6"
    texts = item_texts(plan_session, enriched.plan_id)
    assert ws.cell(row=_row_of(ws, 1, "1.2.1"), column=2).value == texts["1.2.1"]
    assert ws.cell(row=_row_of(ws, 1, "1.2.1"), column=columns["Evidence of impact"]).value == EVIDENCE_NEGLECT
    assert ws.cell(row=_row_of(ws, 1, "1.2.1"), column=columns["Board actions"]).value == (
        f"{enriched.actions['neglect']} (Closed)"
    )


def test_excel_summary_counts_chart_and_key(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "plan.xlsx"
    export_plan_report(plan_session, enriched.plan_id, target, "xlsx", as_of=AS_OF)
    ws = openpyxl.load_workbook(target)["Summary"]
    row, columns = _header(ws, "Key area")
    assert list(columns) == ["Key area", "Red", "Amber", "Green", "Blue", NOT_RATED_LABEL, "Total", "Complete"]
    for label, colour in COLOURS.items():
        assert _fill(ws.cell(row=row, column=columns[label])) == colour
    whole = _row_of(ws, 1, "Whole plan")
    values = {name: ws.cell(row=whole, column=column).value for name, column in columns.items()}
    assert values == {
        "Key area": "Whole plan",
        "Red": 1,
        "Amber": 1,
        "Green": 1,
        "Blue": 7,
        NOT_RATED_LABEL: 99,
        "Total": 109,
        "Complete": pytest.approx(7 / 109),
    }
    first = _row_of(ws, 1, AREAS[0])
    assert [ws.cell(row=first, column=columns[k]).value for k in ("Red", "Blue", NOT_RATED_LABEL, "Total")] == [
        1,
        6,
        6,
        13,
    ]
    assert _fill(ws.cell(row=first, column=columns["Blue"])) == "2F5597"  # counts filled in their colour
    assert len(ws._charts) == 1
    meanings = [ws.cell(row=r, column=3).value for r in range(whole + 1, ws.max_row + 1)]
    assert "Tasks and or outcomes have not been met or timescale slipped" in meanings


def test_excel_recommendations_and_kpis(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "plan.xlsx"
    export_plan_report(plan_session, enriched.plan_id, target, "xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(target)
    recs = book["Recommendations"]
    _, columns = _header(recs)
    five = _row_of(recs, 1, "5")
    assert recs.cell(row=five, column=columns["Actions complete"]).value == "Yes"
    assert recs.cell(row=five, column=columns["Evidence of impact"]).value == "Yes"
    assert recs.cell(row=five, column=columns["Signed off by the board"]).value == "9 April 2019 meeting"
    assert _fill(recs.cell(row=five, column=columns["Actions complete"])) == "C6EFCE"
    one = _row_of(recs, 1, "1")
    assert recs.cell(row=one, column=columns["Actions complete"]).value == "No"
    assert recs.cell(row=one, column=columns["Recommendation"]).value.startswith("Work with partners to ensure")
    kpis = book["KPIs"]
    _, columns = _header(kpis)
    row = _row_of(kpis, 1, "1a")
    assert kpis.cell(row=row, column=columns["Latest"]).value == 21.9
    assert kpis.cell(row=row, column=columns["Status"]).value == "On target"
    assert kpis.cell(row=row, column=columns["Target"]).value == 22
    assert kpis.cell(row=row, column=columns["Latest period"]).value == dt.datetime(2019, 3, 31)
    assert kpis.cell(row=_row_of(kpis, 1, "1b"), column=columns["Status"]).value == "Off target"
    periods = [c.value for c in kpis[3] if isinstance(c.value, dt.datetime)]
    assert periods == [dt.datetime(2019, 1, 31), dt.datetime(2019, 2, 28), dt.datetime(2019, 3, 31)]


def test_excel_never_writes_a_formula(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    nasty = {
        "text": '=HYPERLINK("http://example.invalid/","Click me")',
        "lead_text": "+44 Head of SEND",
        "due_text": "-1 day",
        "evidence_of_impact": "@SUM(A1:A9)",
        "ref": "=1+1",
    }
    area = plan_session.exec(select(PlanItem).where(PlanItem.plan_id == enriched.plan_id, PlanItem.ref == "5")).one()
    plan_session.add(
        PlanItem(plan_id=enriched.plan_id, parent_id=area.id, kind=PlanItemKind.ACTION, position=99, **nasty)
    )
    rec = plan_session.get(Recommendation, enriched.recommendations["10"])
    assert rec is not None
    rec.text = "=cmd|' /C calc'!A0"
    plan_session.add(rec)
    plan_session.flush()
    target = out_dir / "plan.xlsx"
    export_plan_report(plan_session, enriched.plan_id, target, "xlsx", as_of=AS_OF)
    with zipfile.ZipFile(target) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
    book = openpyxl.load_workbook(target)
    ws = book.worksheets[5]  # "5 Effective Use of Performance" (31 characters at most)
    _, columns = _header(ws)
    row = _row_of(ws, 1, "=1+1")
    for field, column in (
        ("ref", "Ref"),
        ("text", "Action"),
        ("lead_text", "Lead"),
        ("due_text", "Due (as written)"),
        ("evidence_of_impact", "Evidence of impact"),
    ):
        cell = ws.cell(row=row, column=columns[column])
        assert (cell.value, cell.data_type, cell.quotePrefix) == (nasty[field], "s", True), field
    recs = book["Recommendations"]
    cell = recs.cell(row=_row_of(recs, 1, "10"), column=2)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)


def test_excel_of_a_plan_without_scale_names_its_sheets_safely(
    plan_session: Session, enriched: Enriched, out_dir: Path
) -> None:
    target = out_dir / "twelve.xlsx"
    export_plan_report(plan_session, enriched.twelve_week_id, target, "xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "Summary",
        "MASH-Early Help",
        "Quality of Practice",
        "Placement Sufficiency",
        "Child Sexual Exploitation",
        "Workforce",
    ]
    ws = book["MASH-Early Help"]
    assert ws["A1"].value == "MASH/Early Help"
    _, columns = _header(ws, "Action")  # nothing is numbered, nothing rated: no Ref or update columns
    assert list(columns) == ["Action", "Lead", "Due (as written)", "Due date", "Status", "Board actions"]
    assert ws.freeze_panes == "B4"
    statuses = {ws.cell(row=r, column=columns["Status"]).value for r in range(4, ws.max_row + 1)}
    assert NOT_RATED_LABEL in statuses and not statuses & set(COLOURS)
    assert len(book["Summary"]._charts) == 0  # nothing to chart without a scale


def test_sheet_names_are_what_excel_accepts() -> None:
    from boardapp.exporting.plan_report.document import KeyAreaSection
    from boardapp.exporting.plan_report.to_xlsx import _SheetNames

    names = _SheetNames()
    taken = [names.take(area_sheet_name(KeyAreaSection("", t, "Key area", "", (), (), ()))) for t in (
        "A/B: [draft]?*",
        "History",
        "'Quoted'",
        "x" * 40,
        "x" * 40,
        "summary",
        "Summary",
    )]  # fmt: skip
    assert taken[0] == "A-B- -draft-"
    assert taken[1] == "History (plan)"
    assert taken[2] == "Quoted"
    assert taken[3] == "x" * 31 and taken[4] == "x" * 27 + " (2)"
    assert taken[5] == "summary" and taken[6] == "Summary (2)"
    assert all(len(n) <= 31 for n in taken)


# -- PDF --------------------------------------------------------------------------------------------
def _outline(reader: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(entries: list, depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, str(entry.title)))

    walk(reader.outline, 0)
    return found


def test_pdf_reads_back_with_bookmarks(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "plan.pdf"
    result = export_plan_report(plan_session, enriched.plan_id, target, "pdf", as_of=AS_OF)
    assert result.warnings == ()
    reader = PdfReader(str(target))
    text = flat("\n".join(page.extract_text() or "" for page in reader.pages))
    assert "Progress report as at 30 April 2019" in text
    for heading in AREAS:
        assert heading in text
    texts = item_texts(plan_session, enriched.plan_id)
    for ref in ("1.2.1", "1.3.6", "3.3.4", "5.2.7"):
        assert ref in text and flat(texts[ref]) in text
    assert "Overdue" in text and "since 9 Apr 2019" in text
    assert flat(ENCOMPASS_REASON) in text
    assert "Work with partners to ensure that an effective range of early help services" in text
    assert "Re-referrals to children's social care within 12 months" in text and "On target" in text
    outline = _outline(reader)
    assert (0, "Summary") in outline and (0, "Recommendations") in outline
    assert [t for d, t in outline if d == 0 and t.startswith("Key Area")] == list(AREAS)
    assert (1, "1.2 Embed an agreed approach to effectively identifying and managing neglect, in all its forms") in (
        outline
    )
    meta = reader.metadata
    assert meta is not None and str(meta.title).endswith("progress report")


def test_pdf_of_a_plan_without_scale(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "twelve.pdf"
    export_plan_report(plan_session, enriched.twelve_week_id, target, "pdf", as_of=AS_OF)
    text = flat(" ".join(p.extract_text() or "" for p in PdfReader(str(target)).pages))
    assert "This plan has no status scale yet" in text
    assert "MASH governance arrangements (Operational/Strategic) in place" in text
    assert "IB-20170801-" in text


# -- failures ---------------------------------------------------------------------------------------
def test_unknown_format_writes_nothing(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="written as xlsx or pdf, not 'docx'"):
        export_plan_report(plan_session, enriched.plan_id, out_dir / "plan.docx", "docx")
    assert list(out_dir.iterdir()) == []


def test_unwritable_folder(plan_session: Session, enriched: Enriched, out_dir: Path) -> None:
    with pytest.raises(OutputNotWritable, match="does not exist"):
        export_plan_report(plan_session, enriched.plan_id, out_dir / "missing" / "plan.xlsx", "xlsx")


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_nasty_text_is_cleaned_and_reported(plan_session: Session, enriched: Enriched, out_dir: Path, fmt: str) -> None:
    item = plan_session.get(PlanItem, enriched.items["1.1.1"])
    assert item is not None
    item.text = "Bell\x07 and <b>markup</b> & “quotes” \U0001f600 end"
    plan_session.add(item)
    plan_session.flush()
    result = export_plan_report(plan_session, enriched.plan_id, out_dir / f"plan.{fmt}", fmt, as_of=AS_OF)
    assert any("control character" in w for w in result.warnings)
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(out_dir / "plan.xlsx")["1 Effective Partnership Working"]
        assert (
            ws.cell(row=_row_of(ws, 1, "1.1.1"), column=2).value == "Bell and <b>markup</b> & “quotes” \U0001f600 end"
        )
    else:
        text = " ".join(p.extract_text() or "" for p in PdfReader(str(out_dir / "plan.pdf")).pages)
        assert "and <b>markup</b> & “quotes”" in flat(text)


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_an_empty_plan_and_a_plan_of_loose_actions(demo_store: Store, out_dir: Path, fmt: str) -> None:
    from boardapp.core.models import Plan, StatusLevel, StatusScale

    with demo_store.transaction() as session:
        session.add(Plan(name="Empty plan"))
        scale = StatusScale(name="Odd colours")
        session.add(scale)
        session.flush()
        level = StatusLevel(scale_id=scale.id or 0, position=0, code="X", label="Unknown colour", colour="teal")
        session.add(level)
        loose = Plan(name="Loose actions", progress_scale_id=scale.id)
        session.add(loose)
        session.flush()
        session.add(
            PlanItem(
                plan_id=loose.id or 0,
                kind=PlanItemKind.ACTION,
                text="An action with no key area",
                progress_level_id=level.id,
            )
        )
    with demo_store.session() as session:
        empty = export_plan_report(session, find_plan(session, "Empty plan"), out_dir / f"empty.{fmt}", fmt)
        loose_result = export_plan_report(session, find_plan(session, "Loose actions"), out_dir / f"loose.{fmt}", fmt)
        report = build_plan_report(session, find_plan(session, "Loose actions"))
    assert empty.warnings == () and loose_result.warnings == ()
    assert [a.heading for a in report.areas] == ["An action with no key area"]
    assert [(c.status.label, c.count) for c in report.whole] == [("Unknown colour", 1), (NOT_RATED_LABEL, 0)]
    assert report.scale[0].colour == ""  # not a colour: drawn in the neutral grey, never a crash
    if fmt == "xlsx":
        assert openpyxl.load_workbook(out_dir / "empty.xlsx").sheetnames == ["Summary"]
    else:
        assert "This plan has no entries yet." in flat(PdfReader(str(out_dir / "empty.pdf")).pages[0].extract_text())


def test_a_text_longer_than_an_excel_cell_is_cut_and_reported(
    plan_session: Session, enriched: Enriched, out_dir: Path
) -> None:
    item = plan_session.get(PlanItem, enriched.items["1.1.2"])
    assert item is not None
    item.evidence_of_impact = "word " * 8000  # 40,000 characters
    plan_session.add(item)
    plan_session.flush()
    result = export_plan_report(plan_session, enriched.plan_id, out_dir / "plan.xlsx", "xlsx", as_of=AS_OF)
    assert any("cut short" in w for w in result.warnings)
    ws = openpyxl.load_workbook(out_dir / "plan.xlsx")["1 Effective Partnership Working"]
    _, columns = _header(ws)
    cell = ws.cell(row=_row_of(ws, 1, "1.1.2"), column=columns["Evidence of impact"])
    assert len(cell.value) == 32767 and cell.value.endswith("…")
    pdf = export_plan_report(plan_session, enriched.plan_id, out_dir / "plan.pdf", "pdf", as_of=AS_OF)
    assert pdf.warnings == ()
