"""Part II in every output: the reason stays confidential, exempt business is marked wherever it
appears (a later meeting's agenda, the action log, the plan report, the evidence pack) and left out
of every public version, and the guard refuses exactly what only exempt business holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, col, select

from boardapp.cli import main
from boardapp.core.enums import StandingKind
from boardapp.core.models import Action, AgendaItem, Meeting, Paper, PlanItem, PlanItemRecommendation
from boardapp.core.schedule12a import PARAGRAPHS, exclusion_resolution
from boardapp.exporting import ExemptTextLeak, build_agenda, export_agenda, export_minutes
from boardapp.exporting.action_log.export import build_action_log, export_action_log
from boardapp.exporting.backends.readback import read_xlsx_text
from boardapp.exporting.evidence_pack.export import export_evidence_pack
from boardapp.exporting.exempt.part2 import collect_part2
from boardapp.exporting.meetings.documents import page_mark
from boardapp.exporting.plan_report.export import export_plan_report
from boardapp.home import AppHome
from boardapp.services import agenda, followup, minuting
from boardapp.services.actions import list_action_rows
from boardapp.store.database import Store
from tests.helpers.exporting_readback import flat, read_back
from tests.helpers.exporting_seed import SeedIds

SEPTEMBER = dt.date(2017, 9, 12)
OCTOBER = "2017-10-10"
REASON = "the report contains information relating to individual members of staff"
EXEMPT_ACTION = "To write to the affected practitioners about their new working pattern"
RESOLUTION = (
    "Resolved – That the press and public be excluded from the meeting during consideration of the following item "
    "on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 1 of "
    "Part 1 of Schedule 12A of the Local Government Act 1972."
)
TODAY = dt.date(2017, 9, 20)


def text_of(path: Path) -> str:
    return flat(read_xlsx_text(path) if path.suffix == ".xlsx" else read_back(path))


# -- the reason is confidential; the statute is public ------------------------------------------------
def test_schedule_12a_table_has_the_statutory_wording() -> None:
    assert sorted(PARAGRAPHS) == ["1", "2", "3", "4", "5", "6", "7"]
    assert PARAGRAPHS["1"] == "Information relating to any individual."
    assert PARAGRAPHS["2"] == "Information which is likely to reveal the identity of an individual."
    assert PARAGRAPHS["3"].startswith("Information relating to the financial or business affairs of any particular")
    assert "legal professional privilege" in PARAGRAPHS["5"]
    assert "prevention, investigation or prosecution of crime" in PARAGRAPHS["7"]
    assert exclusion_resolution(["1"]) == RESOLUTION
    assert "following items on the grounds that they involve" in exclusion_resolution(["1", "3"])
    assert "paragraphs 1 and 3 of Part 1" in exclusion_resolution(["1", "3"])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_public_minutes_print_the_paragraph_and_the_exclusion_resolution_never_the_reason(
    session: Session, seed_ids: SeedIds, out_dir: Path, fmt: str
) -> None:
    meeting_id = seed_ids.meetings[SEPTEMBER.isoformat()]
    public = text_of(export_minutes(session, meeting_id, out_dir / f"p.{fmt}", fmt, public=True).path)
    assert RESOLUTION in public
    assert "paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972: Information relating to" in public
    assert REASON not in public
    full = text_of(export_minutes(session, meeting_id, out_dir / f"f.{fmt}", fmt, public=False).path)
    assert RESOLUTION in full and REASON in full  # members see the clerk's reason, marked not for publication
    assert "Reason (confidential, not for publication)" in full
    agenda_text = text_of(export_agenda(session, meeting_id, out_dir / f"a.{fmt}", fmt, public=True).path)
    assert REASON not in agenda_text and "Information relating to any individual." in agenda_text


# -- exempt business outlives its item ----------------------------------------------------------------
def _october_with_matters_arising(session: Session, seed_ids: SeedIds) -> int:
    october = seed_ids.meetings[OCTOBER]
    title = "Minutes and actions from the last meeting"
    agenda.add_item(session, october, title, standing_kind=StandingKind.PREVIOUS_MINUTES)
    return october


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_exempt_action_whose_item_was_deleted_stays_out_of_the_next_public_agenda(
    session: Session, seed_ids: SeedIds, out_dir: Path, fmt: str
) -> None:
    october = _october_with_matters_arising(session, seed_ids)
    item = session.exec(select(AgendaItem).where(col(AgendaItem.is_exempt))).one()
    agenda.delete_item(session, item.id or 0, confirm=True)
    public = text_of(export_agenda(session, october, out_dir / f"p.{fmt}", fmt, public=True).path)
    assert "To circulate the revised terms of reference" in public  # public actions due are listed
    assert "affected practitioners" not in public
    full = text_of(export_agenda(session, october, out_dir / f"f.{fmt}", fmt, public=False).path)
    assert f"[Exempt – paragraph 1] {EXEMPT_ACTION}" in full
    assert "CONFIDENTIAL" in full  # the October meeting has no Part II item, yet its full agenda holds exempt business
    session.rollback()


def test_the_full_agenda_of_a_meeting_without_part_ii_items_is_confidential_when_it_lists_exempt_actions(
    session: Session, seed_ids: SeedIds
) -> None:
    october = _october_with_matters_arising(session, seed_ids)
    full = build_agenda(session, october, public=False)
    public = build_agenda(session, october, public=True)
    assert not any(entry.exemption for entry in full.items)
    assert full.has_exempt_items and page_mark(full).startswith("CONFIDENTIAL")
    assert not public.has_exempt_items and page_mark(public) == ""
    session.rollback()


def test_an_action_under_an_item_whose_flag_was_cleared_stays_out_of_public_minutes(
    session: Session, seed_ids: SeedIds, out_dir: Path
) -> None:
    september = seed_ids.meetings[SEPTEMBER.isoformat()]
    item = session.exec(select(AgendaItem).where(col(AgendaItem.is_exempt))).one()
    item.is_exempt = False  # the flag cleared after the business was minuted: the stamps stay
    session.add(item)
    minuting.save_notes(session, item.id or 0, "Notes reworded for the public record.")  # notes follow the item
    session.flush()
    public = text_of(export_minutes(session, september, out_dir / "p.pdf", "pdf", public=True).path)
    assert "affected practitioners" not in public and "changes to named posts in the Lancaster team be" not in public
    full = text_of(export_minutes(session, september, out_dir / "f.pdf", "pdf", public=False).path)
    assert f"[Exempt – paragraph 1] {EXEMPT_ACTION}" in full and "CONFIDENTIAL" in full
    session.rollback()


# -- the guard is exact -------------------------------------------------------------------------------
def _demo_meeting(session: Session, iso: str) -> int:
    return session.exec(select(Meeting.id).where(col(Meeting.date) == dt.date.fromisoformat(iso))).one() or 0


def _demo_exempt_item(session: Session) -> AgendaItem:
    return session.exec(select(AgendaItem).where(col(AgendaItem.is_exempt))).one()


def test_wording_first_recorded_in_public_is_a_warning_not_a_refusal(demo: Session, out_dir: Path) -> None:
    """An exempt action repeating earlier public minutes ("To discuss actions against their name")."""
    item = _demo_exempt_item(demo)
    line = "To discuss actions against their name – Jane Booth"
    minuting.create_action(demo, item.id or 0, minuting.draft_action(demo, item.id or 0, line))
    result = export_minutes(demo, _demo_meeting(demo, "2017-08-01"), out_dir / "aug.pdf", "pdf", public=True)
    assert result.path.exists()
    assert any("recorded it in public business first" in w and "To discuss actions against their name" in w
               for w in result.warnings)  # fmt: skip
    demo.rollback()


@pytest.mark.parametrize(
    "leak",
    [
        "The Head of HR (demo) reported on the investigation into the casework of Jordan Examplename",
        "Relates to the conduct of a named social worker, Jordan Examplename, and the families they worked with",
        "Confidential report: investigation into casework practice in the North Lancashire team (demo)",
        "Report the outcome of the disciplinary hearing for Jordan Examplename at the October meeting",
    ],
    ids=["notes", "reason", "paper", "action"],
)
def test_text_found_only_in_exempt_business_is_refused_naming_the_item_and_the_sentence(
    demo: Session, out_dir: Path, leak: str
) -> None:
    september = _demo_meeting(demo, SEPTEMBER.isoformat())
    public_item = demo.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == september, AgendaItem.title == "CSE intelligence")
    ).one()
    minuting.save_notes(demo, public_item.id or 0, f"- {leak}.")
    with pytest.raises(ExemptTextLeak) as refused:
        export_minutes(demo, september, out_dir / "p.docx", "docx", public=True)
    message = str(refused.value)
    assert "Demo exempt item: staffing matter in North Lancashire" in message  # names the exempt item
    assert any(leak[:60] in sentence for sentence in refused.value.sentences)  # and the sentence
    assert "“" in message
    assert list(out_dir.iterdir()) == []
    demo.rollback()


def test_a_presenter_of_exempt_business_only_is_refused(demo: Session, out_dir: Path) -> None:
    september = _demo_meeting(demo, SEPTEMBER.isoformat())
    public_item = demo.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == september, AgendaItem.title == "CSE intelligence")
    ).one()
    demo.add(Paper(agenda_item_id=public_item.id or 0, title="Note from the Head of HR (demo)"))
    demo.flush()
    with pytest.raises(ExemptTextLeak, match="presenter"):
        export_agenda(demo, september, out_dir / "p.pdf", "pdf", public=True)
    demo.rollback()


def test_the_demo_public_outputs_hold_nothing_of_its_exempt_item(demo: Session, out_dir: Path) -> None:
    september = _demo_meeting(demo, SEPTEMBER.isoformat())
    for export in (export_minutes, export_agenda):
        for fmt in ("docx", "pdf"):
            text = text_of(export(demo, september, out_dir / f"{export.__name__}.{fmt}", fmt, public=True).path)
            assert "Examplename" not in text and "Head of HR" not in text and "North Lancashire team" not in text
            assert "Exempt item" in text  # the title is withheld


# -- the action log ----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "docx"])
def test_the_action_log_marks_exempt_actions_and_its_public_version_leaves_them_out(
    demo: Session, out_dir: Path, fmt: str
) -> None:
    rows = list_action_rows(demo, today=TODAY)
    exempt = [row for row in rows if row.is_exempt]
    assert len(exempt) == 1 and exempt[0].exempt_paragraph == "1" and exempt[0].raised_item_withheld
    full_document = build_action_log(rows, board_name="IB", scope="All actions", today=TODAY)
    assert full_document.confidential
    full = text_of(export_action_log(full_document, out_dir / f"full.{fmt}", fmt).path)
    assert "CONFIDENTIAL" in full and "Exempt – paragraph 1" in full and "Examplename" in full
    public_document = build_action_log(rows, board_name="IB", scope="All actions", today=TODAY, public=True)
    assert not public_document.confidential and len(public_document.entries) == len(rows) - 1
    result = export_action_log(public_document, out_dir / f"public.{fmt}", fmt, exempt=collect_part2(demo))
    public = text_of(result.path)
    assert "Examplename" not in public and "Demo exempt item" not in public and "CONFIDENTIAL" not in public


def test_the_xlsx_log_has_a_part_ii_column_and_never_prints_a_withheld_title_in_public(
    demo: Session, out_dir: Path
) -> None:
    from dataclasses import replace

    rows = list_action_rows(demo, today=TODAY)
    full = export_action_log(build_action_log(rows, board_name="IB", scope="", today=TODAY), out_dir / "f.xlsx", "xlsx")
    sheet = load_workbook(full.path)["Action log"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[1] == "Part II"
    marks = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert marks.count("Exempt – paragraph 1") == 1
    # A row under an exempt item that is (somehow) not stamped: the public log still withholds its title.
    exempt_row = next(row for row in rows if row.is_exempt)
    odd = replace(exempt_row, is_exempt=False)
    public = build_action_log([odd], board_name="IB", scope="", today=TODAY, public=True)
    assert public.entries[0].raised_item.endswith(": Exempt item")
    assert "Demo exempt item" not in public.entries[0].raised_item


def test_the_command_line_log_has_a_public_version(home: AppHome, demo_store: Store, capsys, tmp_path: Path) -> None:
    base = ["--basedir", str(home.basedir), *(["--db", home.server_url] if home.server_url else [])]
    assert main([*base, "actions", "--as-at", "2017-09-20", "--status", "all"]) == 0
    full = capsys.readouterr().out
    assert full.startswith("CONFIDENTIAL") and "[exempt] Report the outcome" in full
    assert main([*base, "actions", "--as-at", "2017-09-20", "--status", "all", "--public"]) == 0
    public = capsys.readouterr().out
    assert "Examplename" not in public and "public (exempt Part II actions left out)" in public
    target = tmp_path / "log.xlsx"
    assert main([*base, "export", "actions", "--public", "--as-at", "2017-09-20", "-o", str(target)]) == 0
    assert "public action log" in capsys.readouterr().out
    assert "Examplename" not in text_of(target)


# -- the plan report and the evidence pack ------------------------------------------------------------
def _link_exempt_action_to_the_plan(session: Session) -> tuple[Action, int]:
    action = session.exec(select(Action).where(col(Action.is_exempt))).one()
    addressed = session.exec(select(PlanItemRecommendation.plan_item_id)).first()  # in the evidence pack too
    plan_item = session.get(PlanItem, addressed)
    assert plan_item is not None
    followup.link_plan_item(session, action.id or 0, plan_item.id or 0, on=TODAY)
    return action, plan_item.plan_id


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_the_public_plan_report_leaves_out_exempt_board_actions(demo: Session, out_dir: Path, fmt: str) -> None:
    action, plan_id = _link_exempt_action_to_the_plan(demo)
    full = text_of(export_plan_report(demo, plan_id, out_dir / f"f.{fmt}", fmt, as_of=TODAY).path)
    assert action.ref in full and "CONFIDENTIAL" in full
    public = text_of(export_plan_report(demo, plan_id, out_dir / f"p.{fmt}", fmt, as_of=TODAY, public=True).path)
    assert action.ref not in public and "CONFIDENTIAL" not in public
    demo.rollback()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_public_evidence_pack_leaves_out_exempt_board_business(demo: Session, out_dir: Path, fmt: str) -> None:
    action, plan_id = _link_exempt_action_to_the_plan(demo)
    full = text_of(export_evidence_pack(demo, plan_id, out_dir / f"f.{fmt}", fmt, as_of=TODAY).path)
    assert "Examplename" in full and "CONFIDENTIAL" in full
    public = text_of(export_evidence_pack(demo, plan_id, out_dir / f"p.{fmt}", fmt, as_of=TODAY, public=True).path)
    assert "Examplename" not in public and action.ref not in public and "CONFIDENTIAL" not in public
    demo.rollback()


def test_an_officer_presenting_public_and_private_items_of_one_meeting_is_not_refused(
    demo: Session, out_dir: Path
) -> None:
    september = _demo_meeting(demo, SEPTEMBER.isoformat())
    public_item = demo.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == september, AgendaItem.title == "CSE intelligence")
    ).one()
    agenda.set_presenters(demo, public_item.id or 0, "Head of HR (demo)")
    result = export_agenda(demo, september, out_dir / "p.pdf", "pdf", public=True)
    assert "Head of HR (demo)" in text_of(result.path)
    assert any("Head of HR (demo)" in warning for warning in result.warnings)
    demo.rollback()
