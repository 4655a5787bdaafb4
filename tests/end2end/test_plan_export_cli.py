"""`boardapp export plan|evidence` run as a user would: the demo loaded into a temporary home,
the plan progress report and the evidence pack written and read back, and every way they can
fail with a clear message, a non-zero exit and no file written."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from tests.helpers.e2e import AppRunner, describe

PLAN = "Better for Children"
PLAN_NAME = "Better for Children: Lancashire's Children's Services Development Plan November 2018 - 19"
TWELVE_WEEK = "12 Week Improvement Plan August – October 2017"
REC_5 = "Ensure that the local authority and partners share a common understanding of the risks associated with neglect"


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages).split())


def test_plan_report_to_excel_and_pdf(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    result = demo_cli("export", "plan", "--plan", PLAN, "-o", str(target))
    assert result.returncode == 0, describe(result)
    assert f"Wrote the plan progress report to {target}" in result.stdout
    assert "warning" not in result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == "Summary" and book.sheetnames[-1] == "Recommendations"  # the demo has no KPIs
    assert [name.split(" ")[0] for name in book.sheetnames[1:6]] == ["1", "2", "3", "4", "5"]
    assert book["Summary"]["A1"].value == PLAN_NAME

    target = tmp_path / "plan.pdf"
    result = demo_cli("export", "plan", "--plan", PLAN, "--format", "pdf", "--as-at", "2019-03-31", "-o", str(target))
    assert result.returncode == 0, describe(result)
    text = pdf_text(target)
    assert "Progress report as at 31 March 2019" in text
    assert "Key Area 5: Effective Use of Performance Data" in text


def test_evidence_pack_for_all_and_for_one_recommendation(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "evidence.docx"
    result = demo_cli("export", "evidence", "--plan", PLAN, "-o", str(target))
    assert result.returncode == 0, describe(result)
    assert f"Wrote the evidence pack to {target}" in result.stdout
    word = docx.Document(str(target))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in headings if h.startswith("Recommendation ")] == [f"Recommendation {n}" for n in range(1, 12)]

    target = tmp_path / "rec5.pdf"
    result = demo_cli("export", "evidence", "--plan", PLAN, "--recommendation", "5", "-o", str(target))
    assert result.returncode == 0, describe(result)
    assert "Wrote the evidence pack for recommendation 5" in result.stdout
    text = pdf_text(target)
    assert "Evidence pack: Recommendation 5" in text and REC_5 in text
    assert "1.2.1 Develop a refreshed multi-agency Neglect Strategy" in text
    assert "Recommendation 4" not in text


def test_the_twelve_week_plan_and_its_linked_board_actions(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "twelve.pdf"
    result = demo_cli("export", "plan", "--plan", "12 week", "-o", str(target))
    assert result.returncode == 0, describe(result)
    text = pdf_text(target)
    assert TWELVE_WEEK in text and "IB-20170801-" in text


def test_unknown_plan_lists_the_plans(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    result = demo_cli("export", "plan", "--plan", "Getting to Good", "-o", str(target))
    assert result.returncode == 1, describe(result)
    assert "No plan is called 'Getting to Good'" in result.stderr
    assert PLAN_NAME in result.stderr and TWELVE_WEEK in result.stderr
    assert not target.exists()


def test_unknown_recommendation_lists_the_refs(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    result = demo_cli("export", "evidence", "--plan", PLAN, "--recommendation", "12", "-o", str(target))
    assert result.returncode == 1, describe(result)
    assert "addresses no recommendation '12'" in result.stderr
    assert "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "--plan", PLAN, "-o", "plan.docx"), "the plan progress report is written as xlsx or pdf, not docx"),
        (
            ("evidence", "--plan", PLAN, "--format", "xlsx", "-o", "p.xlsx"),
            "the evidence pack is written as docx or pdf",
        ),
        (("plan", "--plan", PLAN, "-o", "plan.txt"), "say --format xlsx or --format pdf"),
        (("plan", "--plan", PLAN, "--format", "pdf", "-o", "plan.xlsx"), "--format pdf does not match"),
        (("plan", "-o", "plan.xlsx"), "say which plan with --plan NAME"),
        (
            ("plan", "--plan", PLAN, "--recommendation", "5", "-o", "p.pdf"),
            "--recommendation applies to `export evidence`",
        ),
        (
            ("evidence", "--plan", PLAN, "--date", "2019-01-01", "-o", "p.pdf"),
            "--date does not apply to `export evidence`",
        ),
        (("minutes", "--plan", PLAN, "--board", "IB", "--date", "2017-08-01", "-o", "m.pdf"), "--plan and"),
        (("plan", "--plan", PLAN, "--board", "IB", "--public", "-o", "p.pdf"), "--board does not apply"),
    ],
)
def test_clear_failures(demo_cli: AppRunner, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = demo_cli("export", *args)
    assert result.returncode == 1, describe(result)
    assert message in result.stderr, describe(result)
    assert not [p for p in tmp_path.iterdir() if p.suffix in {".docx", ".pdf", ".xlsx", ".txt"}]


def test_an_unknown_format_is_refused_by_the_parser(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli("export", "plan", "--plan", PLAN, "--format", "odt", "-o", str(tmp_path / "plan.odt"))
    assert result.returncode == 2, describe(result)
    assert "invalid choice: 'odt'" in result.stderr


def test_no_database_yet(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    result = boardapp_cli("export", "plan", "--plan", PLAN, "-o", str(tmp_path / "plan.xlsx"))
    assert result.returncode == 1, describe(result)
    assert "there is no BoardApp database" in result.stderr
