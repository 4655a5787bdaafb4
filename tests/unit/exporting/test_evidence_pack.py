"""The evidence pack: recommendation → plan actions with their status history → linked board
decisions and actions with meeting dates, built from the database and read back from Word
(headings per recommendation and plan action, tables) and PDF (text, bookmarks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.table import Table
from pypdf import PdfReader
from sqlmodel import Session, select

from boardapp.core.models import Recommendation
from boardapp.exporting.evidence_pack.export import build_evidence_pack, export_evidence_pack
from boardapp.exporting.plan_report.export import RecommendationNotFound, UnsupportedFormat, find_recommendation
from boardapp.services.golden_thread import recommendation_thread
from boardapp.store.database import Store
from tests.helpers.exporting_readback import flat
from tests.helpers.plan_report import (
    APRIL,
    AS_OF,
    AUDIT_ACTION,
    AUDIT_DECISION,
    AUDIT_UPDATE,
    DECEMBER,
    EXEMPT_ACTION,
    FEBRUARY,
    NEGLECT_ACTION,
    NEGLECT_DECISION,
    RED_REASON,
    Enriched,
    item_texts,
)

REC5_ACTIONS = ["1.1.1", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "3.1.4"]


@pytest.fixture
def pack_session(demo_store: Store, enriched: Enriched) -> Iterator[Session]:
    with demo_store.session() as opened:
        yield opened


def recommendation_texts(session: Session) -> dict[str, str]:
    return {r.ref: r.text for r in session.exec(select(Recommendation)).all()}


# -- the document model ---------------------------------------------------------------------------
def test_the_golden_thread_of_one_recommendation(pack_session: Session, enriched: Enriched) -> None:
    pack = build_evidence_pack(
        pack_session, enriched.plan_id, recommendation_id=enriched.recommendations["5"], as_of=AS_OF
    )
    assert pack.single and pack.title == "Evidence pack: Recommendation 5"
    assert not pack.confidential  # nothing of recommendation 5 was minuted in Part II
    (rec,) = pack.recommendations
    assert rec.summary.ref == "5" and rec.summary.phases_done == 3
    assert [a.ref for a in rec.plan_actions] == REC5_ACTIONS
    neglect = rec.plan_actions[1]
    assert neglect.area == "Key Area 1: Effective Partnership Working"
    assert [(e.on, e.change, e.meeting_date) for e in neglect.history] == [
        (DECEMBER, "Red", DECEMBER),
        (FEBRUARY, "Red → Amber", FEBRUARY),
        (APRIL, "Amber → Blue", APRIL),
    ]
    assert neglect.history[0].reason == RED_REASON and neglect.history[0].by == "Sally Allen"
    (action,) = neglect.board_actions
    assert (action.ref, action.text, action.owners) == (enriched.actions["neglect"], NEGLECT_ACTION, "Jane Booth")
    assert action.raised_on == DECEMBER and action.item == "item 3: Development Plan: Effective Partnership Working"
    assert action.decisions == (NEGLECT_DECISION,)
    assert action.status == "Closed" and action.closed_on == FEBRUARY
    assert [(u.on, u.meeting_date) for u in action.updates] == [(FEBRUARY, FEBRUARY)]
    assert rec.board_action_count == 1 and rec.decision_count == 1
    kpi_action = rec.plan_actions[5]
    assert [k.ref for k in kpi_action.kpis] == ["1a"]


def test_the_pack_agrees_with_the_golden_thread_service(pack_session: Session, enriched: Enriched) -> None:
    pack = build_evidence_pack(pack_session, enriched.plan_id, as_of=AS_OF)
    assert [r.summary.ref for r in pack.recommendations] == [str(n) for n in range(1, 12)]
    for rec in pack.recommendations:
        thread = recommendation_thread(pack_session, enriched.recommendations[rec.summary.ref])
        assert [p.ref for p in rec.plan_actions] == [t.item.ref for t in thread.items]
        for mine, theirs in zip(rec.plan_actions, thread.items, strict=True):
            assert [a.ref for a in mine.board_actions] == [a.ref for a in theirs.board_actions]
            assert [(e.on, e.status.label) for e in mine.history] == [
                (h.changed_on, h.level.label) for h in reversed(theirs.history)
            ]
        assert rec.summary.actions_complete.value == thread.recommendation.actions_complete.value
        assert rec.summary.impact_evidenced.value == thread.recommendation.impact_evidenced.value


def test_exempt_business_marks_the_pack_confidential(pack_session: Session, enriched: Enriched) -> None:
    pack = build_evidence_pack(pack_session, enriched.plan_id, as_of=AS_OF)
    assert pack.confidential
    nine = next(r for r in pack.recommendations if r.summary.ref == "9")
    exempt = [a for p in nine.plan_actions for a in p.board_actions]
    assert [(a.text, a.exempt) for a in exempt] == [(EXEMPT_ACTION, True)]


def test_find_recommendation(pack_session: Session, enriched: Enriched) -> None:
    assert find_recommendation(pack_session, enriched.plan_id, "5") == enriched.recommendations["5"]
    assert find_recommendation(pack_session, enriched.plan_id, "Recommendation 10") == enriched.recommendations["10"]
    with pytest.raises(RecommendationNotFound, match=r"no recommendation '12'.*1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"):
        find_recommendation(pack_session, enriched.plan_id, "12")
    with pytest.raises(RecommendationNotFound, match=r"\(none yet\)"):
        find_recommendation(pack_session, enriched.twelve_week_id, "1")


# -- Word -------------------------------------------------------------------------------------------
def _tables_after(word: docx.document.Document, heading: str) -> list[Table]:
    """The tables that follow a heading paragraph, up to the next heading of any level."""
    found: list[Table] = []
    inside = False
    for block in word.iter_inner_content():
        if isinstance(block, Table):
            if inside:
                found.append(block)
        elif block.style.name.startswith("Heading"):
            inside = block.text == heading
    return found


def _rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_word_pack_for_all_recommendations(pack_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "evidence.docx"
    result = export_evidence_pack(pack_session, enriched.plan_id, target, "docx", as_of=AS_OF)
    assert result.warnings == ()
    word = docx.Document(str(target))
    h1 = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["Recommendations at a glance", "Status key", *(f"Recommendation {n}" for n in range(1, 12))]
    h2 = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    texts = item_texts(pack_session, enriched.plan_id)
    assert f"1.2.1 {texts['1.2.1']}" in h2 and f"3.3.4 {texts['3.3.4']}" in h2
    assert word.paragraphs[0].style.name == "Title" and word.paragraphs[0].text == "Evidence pack"
    body = "\n".join(p.text for p in word.paragraphs)
    recommendations = recommendation_texts(pack_session)
    for ref in [str(n) for n in range(1, 12)]:
        assert recommendations[ref] in body
    assert NEGLECT_ACTION in body and NEGLECT_DECISION in body and AUDIT_DECISION in body and AUDIT_UPDATE in body
    assert "Raised at the meeting of 11 December 2018, item 3: Development Plan: Effective Partnership Working" in body
    assert "Raised at the meeting of 12 February 2019, item 4: Development Plan: Purposeful Practice" in body
    assert EXEMPT_ACTION in body and "PART II – EXEMPT" in body
    header = word.sections[0].header.paragraphs[0].text
    assert "CONFIDENTIAL" in header
    assert word.core_properties.title.startswith("Evidence pack")

    overview = next(t for t in word.tables if _rows(t)[0][:2] == ["Ref", "Recommendation"])
    five = next(row for row in _rows(overview) if row[0] == "5")
    assert five[3:] == ["Yes", "Yes", "9 April 2019 meeting"]
    history = _tables_after(word, f"1.2.1 {texts['1.2.1']}")
    assert _rows(history[0])[0] == ["Date", "Status", "Reason", "By", "Reported at"]
    assert _rows(history[0])[1] == ["11 December 2018", "Red", RED_REASON, "Sally Allen", "11 December 2018 meeting"]
    assert _rows(history[0])[3][1] == "Amber → Blue"
    fills = [
        row.cells[1]._tc.tcPr.find(docx.oxml.ns.qn("w:shd")).get(docx.oxml.ns.qn("w:fill"))
        for row in history[0].rows[1:]
    ]
    assert fills == ["C00000", "FFC000", "2F5597"]  # each rating shaded in its colour


def test_word_pack_phases_table(pack_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "rec5.docx"
    export_evidence_pack(
        pack_session, enriched.plan_id, target, "docx", recommendation_id=enriched.recommendations["5"], as_of=AS_OF
    )
    word = docx.Document(str(target))
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == ["Status key", "Recommendation 5"]
    h2 = [p.text.split(" ")[0] for p in word.paragraphs if p.style.name == "Heading 2"]
    assert h2 == REC5_ACTIONS
    (phases, *_rest) = _tables_after(word, "Recommendation 5")
    rows = _rows(phases)
    assert [r[:2] for r in rows] == [
        ["Phase", "Status"],
        ["Actions complete", "Yes"],
        ["Evidence of impact", "Yes"],
        ["Signed off by the board", "9 April 2019 meeting"],
    ]
    assert rows[1][2] == "Derived: all 7 plan actions are at a completed status (Blue)."
    assert "CONFIDENTIAL" not in word.sections[0].header.paragraphs[0].text


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


def test_pdf_pack_reads_back(pack_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "evidence.pdf"
    result = export_evidence_pack(pack_session, enriched.plan_id, target, "pdf", as_of=AS_OF)
    assert result.warnings == ()
    reader = PdfReader(str(target))
    text = flat("\n".join(page.extract_text() or "" for page in reader.pages))
    recommendations = recommendation_texts(pack_session)
    for ref, rec_text in recommendations.items():
        assert f"Recommendation {ref}" in text
        assert flat(rec_text) in text, ref
    texts = item_texts(pack_session, enriched.plan_id)
    for ref in ("1.2.1", "1.3.6", "3.3.1", "3.3.4", "4.7.5"):
        assert flat(f"{ref} {texts[ref]}") in text
    for line in (NEGLECT_ACTION, NEGLECT_DECISION, AUDIT_ACTION, AUDIT_DECISION, AUDIT_UPDATE, RED_REASON):
        assert flat(line) in text, line
    assert "Raised at the meeting of 11 December 2018, item 3" in text
    assert "Raised at the meeting of 12 February 2019, item 4" in text
    assert "9 April 2019 meeting" in text and "closed at the meeting of 12 February 2019" in text
    assert "CONFIDENTIAL – contains exempt information" in text
    outline = _outline(reader)
    assert [t for d, t in outline if d == 0 and t.startswith("Recommendation")] == [
        f"Recommendation {n}" for n in range(1, 12)
    ]
    assert (1, f"1.2.1 {texts['1.2.1']}") in outline
    meta = reader.metadata
    assert meta is not None and str(meta.title).startswith("Evidence pack")


def test_pdf_pack_for_one_recommendation(pack_session: Session, enriched: Enriched, out_dir: Path) -> None:
    target = out_dir / "rec9.pdf"
    export_evidence_pack(
        pack_session, enriched.plan_id, target, "pdf", recommendation_id=enriched.recommendations["9"], as_of=AS_OF
    )
    reader = PdfReader(str(target))
    text = flat("\n".join(page.extract_text() or "" for page in reader.pages))
    assert "Evidence pack: Recommendation 9" in text
    assert "Recommendation 5" not in text
    assert flat(EXEMPT_ACTION) in text and "PART II – EXEMPT" in text
    assert "No status has been recorded for this action yet." in text
    assert [t for d, t in _outline(reader) if d == 0] == ["Recommendation 9"]


def test_a_plan_without_recommendations(pack_session: Session, enriched: Enriched, out_dir: Path) -> None:
    for fmt in ("docx", "pdf"):
        target = out_dir / f"twelve.{fmt}"
        export_evidence_pack(pack_session, enriched.twelve_week_id, target, fmt, as_of=AS_OF)
        if fmt == "docx":
            text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        else:
            text = flat(" ".join(p.extract_text() or "" for p in PdfReader(str(target)).pages))
        assert "The plan addresses no recommendation yet." in text


def test_unknown_format_writes_nothing(pack_session: Session, enriched: Enriched, out_dir: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="written as docx or pdf, not 'xlsx'"):
        export_evidence_pack(pack_session, enriched.plan_id, out_dir / "pack.xlsx", "xlsx")
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_texts_longer_than_a_page(pack_session: Session, enriched: Enriched, out_dir: Path, fmt: str) -> None:
    from boardapp.core.models import Action, ActionUpdate, Decision, PlanItem, PlanStatusChange

    long = "The board heard a long account of the work. " * 400  # about 18,000 characters
    change = pack_session.exec(
        select(PlanStatusChange).where(PlanStatusChange.plan_item_id == enriched.items["1.2.1"])
    ).first()
    decision = pack_session.exec(select(Decision).where(Decision.text == NEGLECT_DECISION)).one()
    action = pack_session.exec(select(Action).where(Action.ref == enriched.actions["neglect"])).one()
    update = pack_session.exec(select(ActionUpdate).where(ActionUpdate.action_id == action.id)).first()
    item = pack_session.get(PlanItem, enriched.items["1.2.1"])
    assert change is not None and update is not None and item is not None
    change.reason, decision.text, update.note, item.evidence_of_impact, action.text = long, long, long, long, long
    for row in (change, decision, update, item, action):
        pack_session.add(row)
    pack_session.flush()
    target = out_dir / f"rec5.{fmt}"
    result = export_evidence_pack(
        pack_session, enriched.plan_id, target, fmt, recommendation_id=enriched.recommendations["5"], as_of=AS_OF
    )
    assert result.warnings == ()
    if fmt == "pdf":
        reader = PdfReader(str(target))
        assert len(reader.pages) > 5
        text = flat(" ".join(p.extract_text() or "" for p in reader.pages))
        # all five texts, whole: only a sentence cut by each page break is not found as one
        assert text.count("long account of the work") >= 5 * 400 - len(reader.pages)
