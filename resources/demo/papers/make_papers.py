"""Make the demonstration's paper files (run from the repository root; the outputs are committed).

    .venv/bin/python resources/demo/papers/make_papers.py

Small invented reports, a few pages each, for items of the 1 August and 12 September 2017
meetings, so a reports pack can be built from the demo (resources/demo/papers.json attaches
them). PDFs are written with reportlab's invariant mode, so running again gives the same bytes.
The Word paper is made with python-docx.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

HERE = Path(__file__).resolve().parent

PAPERS = {
    "corporate-parenting.pdf": (
        "Being a Good Corporate Parent",
        "Report of the Director of Children's Services",
        ["Purpose of the report", "Our pledge to children in care", "What children told us", "Next steps"],
    ),
    "operational-improvement-group.pdf": (
        "Operational Improvement Group: highlight report",
        "Chair of the Operational Improvement Group",
        ["Summary", "Workstream progress", "Risks and issues"],
    ),
    "early-help-demand.pdf": (
        "Early Help: reducing demand for statutory services",
        "Head of Early Help",
        ["Background", "Demand at the front door", "The early help offer", "Measures of success", "Recommendations"],
    ),
    "twelve-week-plan-progress.pdf": (
        "12 Week Improvement Plan: progress at week 8",
        "Programme Manager, Improvement",
        ["Overview", "Actions complete", "Actions at risk"],
    ),
    "cse-intelligence.pdf": (
        "Child sexual exploitation: intelligence profile",
        "Lancashire Constabulary and Children's Services",
        ["Introduction", "Themes from the intelligence", "Disruption activity"],
    ),
    "confidential-casework-review.pdf": (
        "Confidential report: investigation into casework practice (demo)",
        "Head of Service, North Lancashire (invented for the demonstration)",
        ["Summary of the investigation", "Findings", "Recommendations to the Board"],
    ),
}

BODY = (
    "This is demonstration text, invented for BoardApp. It stands for the narrative a report would give the "
    "board: the position now, what has changed since the last meeting, and what the board is asked to note "
    "or decide. Figures below are illustrative only."
)


def make_pdf(name: str, title: str, author: str, sections: list[str]) -> None:
    styles = getSampleStyleSheet()
    story: list = [Paragraph(title, styles["Title"]), Paragraph(author, styles["Italic"]), Spacer(1, 0.6 * cm)]
    for number, heading in enumerate(sections, start=1):
        story.append(Paragraph(f"{number}. {heading}", styles["Heading2"]))
        for _ in range(4):
            story.append(Paragraph(BODY, styles["BodyText"]))
        story.append(Table([["Measure", "Q1", "Q2"], ["Referrals", "412", "388"], ["Re-referrals", "21%", "18%"]]))
        if number % 2 == 0 and number != len(sections):
            story.append(PageBreak())
    document = SimpleDocTemplate(
        str(HERE / name), pagesize=A4, title=title, author=author, invariant=1, leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
    )
    document.build(story)


def make_docx(name: str) -> None:
    from docx import Document

    document = Document()
    document.core_properties.title = "Heat maps: recruitment and retention of social workers"
    document.add_heading("Heat maps: recruitment and retention of social workers", level=1)
    document.add_paragraph("Report of the Head of Workforce Development (demonstration paper).")
    for heading in ("Vacancy rates by team", "Agency staff", "Retention actions"):
        document.add_heading(heading, level=2)
        document.add_paragraph(BODY)
    document.save(str(HERE / name))


def main() -> None:
    for name, (title, author, sections) in PAPERS.items():
        make_pdf(name, title, author, sections)
    make_docx("workforce-heat-maps.docx")


if __name__ == "__main__":
    main()
