"""The reports pack: a meeting's agenda and papers as one PDF, paginated as one document.

    result = export_pack(session, meeting_id, path, "public")
    result.pages, result.paper_ids, result.not_included

Order: contents page(s), the agenda (full and public packs), then each item's papers. Every page
carries a footer stamp naming the item and paper and the page number of the whole pack; each
item and paper has a bookmark; page labels run 1..N so a viewer's page box agrees with the
footers and with "pages X–Y" on the contents. Every paper is opened and checked before anything
is written; a missing, unreadable, encrypted or oversized paper stops the export with a message
naming it, and the file is written atomically (render.write_atomically), never half-built.

pypdf merges (it is already a dependency; pikepdf would be faster on huge packs but adds a
compiled dependency for no gain at board-pack sizes: see benchmarks/pack.py). Word, Excel and
other office papers are converted with LibreOffice when it is installed; otherwise they are
listed on the contents as not included.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlmodel import Session

from boardapp.core.schedule12a import paragraph_numbers, public_statement
from boardapp.exporting.backends.output import write_atomically
from boardapp.exporting.errors import ExportError
from boardapp.exporting.meetings.documents import AgendaDocument
from boardapp.exporting.pack.contents import (
    PackPlan,
    PackVariant,
    PlannedItem,
    PlannedPaper,
    plan_pack,
    resolve_location,
)
from boardapp.exporting.pack.pages import ContentsLine, PageStamp, render_contents, render_notice, render_stamps

MAX_PAPER_BYTES = 200 * 1024 * 1024
MAX_PAPER_PAGES = 2000
CONVERTIBLE = (".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp")
CONVERT_TIMEOUT_SECONDS = 180


class PaperProblem(ExportError):
    """A paper cannot go into the pack; the message names the item and paper and what to do."""


@dataclass(frozen=True)
class PackResult:
    path: Path
    variant: PackVariant
    pages: int
    paper_ids: tuple[int, ...]
    supplement_number: int | None
    not_included: tuple[str, ...]
    warnings: tuple[str, ...]
    confidential: bool = False  # holds Part II papers: not for publication


@dataclass
class _Part:
    """A run of pages in the pack: the agenda, a paper, a notice."""

    pdf: Path | None  # None: a page made here (notice)
    item: PlannedItem | None
    paper: PlannedPaper | None
    pages: int
    first: int = 0  # 1-based page number in the pack, set once the contents length is known
    notice: str = ""


@dataclass
class _Build:
    plan: PackPlan
    workdir: Path
    parts: list[_Part] = field(default_factory=list)
    agenda: AgendaDocument | None = None  # kept to print "pages X–Y" on it once the pages are known
    not_included: dict[int, tuple[str, str]] = field(default_factory=dict)  # paper id -> (message, short why)


def export_pack(
    session: Session,
    meeting_id: int,
    path: str | Path,
    variant: PackVariant | str = PackVariant.FULL,
    *,
    base: Path | None = None,
) -> PackResult:
    """Build the pack of the meeting and write it to `path` (atomically); raises ExportError."""
    plan = plan_pack(session, meeting_id, variant)
    with tempfile.TemporaryDirectory(prefix="boardapp-pack-") as folder:
        build = _Build(plan, Path(folder))
        if plan.with_agenda:
            _add_agenda(session, build)
        for item in plan.items:
            _add_item(build, item, base)
        if plan.variant is PackVariant.PUBLIC:
            _check_public_words(session, build)
        if build.agenda is not None:
            _print_page_references(session, build)
        output = Path(path)
        write_atomically(output, lambda temporary: _assemble(build, temporary))
        total = sum(part.pages for part in build.parts) + _contents_pages(build)
        confidential = _holds_exempt_papers(build)
    return PackResult(
        path=output,
        variant=plan.variant,
        pages=total,
        paper_ids=tuple(plan.paper_ids),  # listed on the contents, included or "not included"
        supplement_number=plan.supplement_number,
        not_included=tuple(message for message, _ in build.not_included.values()),
        warnings=tuple(plan.warnings),
        confidential=confidential,
    )


# -- gathering the parts ---------------------------------------------------------------------------
def _add_agenda(session: Session, build: _Build) -> None:
    from boardapp.exporting.meetings.builders import build_agenda

    target = build.workdir / "agenda.pdf"
    build.agenda = build_agenda(session, build.plan.meeting_id, public=build.plan.variant is PackVariant.PUBLIC)
    _render_agenda(session, build, build.agenda, target)
    build.parts.append(_Part(target, None, None, _count_pages(target, "the agenda")))


def _render_agenda(session: Session, build: _Build, document: AgendaDocument, target: Path) -> list[str]:
    """The agenda through the usual exporter (so a public one gets the exempt-text checks)."""
    from boardapp.exporting.meetings.export import ExportFormat, _export

    return list(_export(session, build.plan.meeting_id, document, target, ExportFormat.PDF).warnings)


def _print_page_references(session: Session, build: _Build) -> None:
    """Render the agenda again with "pages X–Y" against each item and paper. Page numbers depend on
    the agenda's own length, so repeat until it stops changing (once, in practice)."""
    assert build.agenda is not None
    part = next(p for p in build.parts if p.item is None)
    for _ in range(3):
        _number_parts(build)
        document = _with_page_references(build.agenda, build)
        warnings = _render_agenda(session, build, document, part.pdf or build.workdir / "agenda.pdf")
        pages = _count_pages(part.pdf or build.workdir / "agenda.pdf", "the agenda")
        if pages == part.pages:
            build.plan.warnings.extend(w for w in warnings if w not in build.plan.warnings)
            return
        part.pages = pages
    raise ExportError("The pack was not written: the agenda's page count would not settle. Export again.")


def _with_page_references(document: AgendaDocument, build: _Build) -> AgendaDocument:
    ranges: dict[str, tuple[int, int]] = {}
    papers: dict[int, str] = {}
    for part in build.parts:
        if part.item is None:
            continue
        first, last = ranges.get(part.item.number, (part.first, part.first))
        ranges[part.item.number] = (min(first, part.first), max(last, part.first + part.pages - 1))
        if part.paper is not None:
            papers[part.paper.paper_id] = _pages_text(part.first, part.first + part.pages - 1)
    planned = {item.number: item for item in build.plan.items}
    entries = []
    for entry in document.items:
        item = planned.get(entry.number)
        if item is None or entry.withheld:
            entries.append(entry)
            continue
        purpose = entry.purpose
        if entry.number in ranges:
            pages = _pages_text(*ranges[entry.number])
            purpose = f"{purpose}  ·  {pages}" if purpose else pages.capitalize()
        labels = list(entry.papers)
        if len(labels) == len(item.papers):
            for index, paper in enumerate(item.papers):
                where = papers.get(paper.paper_id)
                if where:
                    labels[index] = f"{labels[index]} ({where})"
                elif paper.paper_id in build.not_included:
                    labels[index] = f"{labels[index]} (not included in this pack)"
        entries.append(replace(entry, purpose=purpose, papers=tuple(labels)))
    return replace(document, items=tuple(entries))


def _add_item(build: _Build, item: PlannedItem, base: Path | None) -> None:
    if item.withheld:
        if item.papers:
            text = public_statement(item.paragraph)
            build.parts.append(_Part(None, item, None, 1, notice=text))
        return
    for paper in item.papers:
        named = f"the paper “{paper.title}” (item {item.number})"
        if not paper.location.strip():
            build.not_included[paper.paper_id] = (f"{named}: no file attached", "no file attached")
            continue
        if "://" in paper.location:
            build.not_included[paper.paper_id] = (f"{named}: a web link, not a file", "a web link")
            continue
        source = resolve_location(paper.location, base)
        if not source.is_file():
            raise PaperProblem(f"The pack was not written: {named} is missing: there is no file at {source}.")
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise PaperProblem(f"The pack was not written: {named} cannot be read ({exc.strerror or exc}).") from None
        if size > MAX_PAPER_BYTES:
            raise PaperProblem(
                f"The pack was not written: {named} is too large ({size // (1024 * 1024)} MB; the limit is "
                f"{MAX_PAPER_BYTES // (1024 * 1024)} MB). Compress it or split it into smaller papers."
            )
        suffix = source.suffix.lower()
        if suffix in CONVERTIBLE:
            converted = _convert(source, build.workdir / f"paper-{paper.paper_id}", named)
            if converted is None:
                why = f"no converter for {suffix} files"
                build.not_included[paper.paper_id] = (f"{named}: not included ({why})", why)
                continue
            source = converted
        build.parts.append(_Part(source, item, paper, _count_pages(source, named)))


def _converter() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def _convert(source: Path, outdir: Path, named: str) -> Path | None:
    """The paper as PDF via LibreOffice, or None when no converter is installed."""
    program = _converter()
    if program is None:
        return None
    outdir.mkdir(parents=True, exist_ok=True)
    # A private profile: with the clerk's LibreOffice open, a conversion on the shared one does nothing.
    profile = (outdir / "profile").resolve().as_uri()
    try:
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        subprocess.run(
            [*command, "--outdir", str(outdir), str(source)],
            check=True,
            capture_output=True,
            timeout=CONVERT_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise PaperProblem(f"The pack was not written: {named} could not be converted to PDF ({exc}).") from None
    converted = outdir / f"{source.stem}.pdf"
    if not converted.is_file():
        raise PaperProblem(f"The pack was not written: {named} could not be converted to PDF by LibreOffice.")
    return converted


def _open_pdf(path: Path, named: str):  # type: ignore[no-untyped-def]  # pypdf's PdfReader
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PaperProblem(
                f"The pack was not written: {named} is password-protected (encrypted). Ask its author for a copy "
                f"without a password."
            )
        len(reader.pages)
    except PaperProblem:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise PaperProblem(
            f"The pack was not written: {named} is not a readable PDF ({type(exc).__name__}: {exc})."
        ) from None
    except Exception as exc:  # pypdf raises many kinds on damaged files; all mean "unreadable"
        raise PaperProblem(f"The pack was not written: {named} is not a readable PDF ({exc}).") from None
    return reader


def _count_pages(path: Path, named: str) -> int:
    pages = len(_open_pdf(path, named).pages)
    if pages > MAX_PAPER_PAGES:
        raise PaperProblem(
            f"The pack was not written: {named} has {pages} pages (the limit is {MAX_PAPER_PAGES}). "
            f"Split it into smaller papers."
        )
    if pages == 0:
        raise PaperProblem(f"The pack was not written: {named} has no pages.")
    return pages


def _check_public_words(session: Session, build: _Build) -> None:
    """The words this module adds to a public pack (contents, notices, stamps) hold no exempt text."""
    from boardapp.exporting.exempt.guard import check_public_text
    from boardapp.exporting.meetings.builders import collect_exempt_texts

    words = [line.text for line in _contents_lines(build)] + [_stamp_text(part) for part in build.parts]
    words += [part.notice for part in build.parts]
    exempt = collect_exempt_texts(session, build.plan.meeting_id)
    build.plan.warnings.extend(check_public_text("\n".join(words), exempt, where="the public pack"))


# -- numbering and the contents --------------------------------------------------------------------
def _title(plan: PackPlan) -> str:
    if plan.variant is PackVariant.PART_II:
        return "Part II supplement – CONFIDENTIAL"
    if plan.variant is PackVariant.SUPPLEMENT:
        return f"Supplement {plan.supplement_number} to the reports pack"
    return "Public reports pack" if plan.variant is PackVariant.PUBLIC else "Reports pack"


def _pages_text(first: int, last: int) -> str:
    return f"page {first}" if first == last else f"pages {first}–{last}"


def _contents_lines(build: _Build) -> list[ContentsLine]:
    lines: list[ContentsLine] = []
    by_item: dict[str, list[_Part]] = {}
    for part in build.parts:
        if part.item is None:
            lines.append(ContentsLine("Agenda", _pages_text(part.first, part.first + part.pages - 1), 0))
        else:
            by_item.setdefault(part.item.number, []).append(part)
    for item in build.plan.items:
        parts = by_item.get(item.number, [])
        where = _pages_text(parts[0].first, parts[-1].first + parts[-1].pages - 1) if parts else "no papers"
        lines.append(ContentsLine(f"{item.number}.  {item.title}", where, 0, bold=True))
        for part in parts:
            if part.paper is not None:
                pages = _pages_text(part.first, part.first + part.pages - 1)
                lines.append(ContentsLine(part.paper.title, pages, 1))
            elif part.notice:
                numbers = ", ".join(paragraph_numbers(part.item.paragraph)) if part.item else ""
                notice = f"Notice: exempt under Schedule 12A, paragraph {numbers}" if numbers else "Notice: exempt"
                lines.append(ContentsLine(notice, _pages_text(part.first, part.first), 1))
        for paper in item.papers:
            if paper.paper_id in build.not_included:
                why = build.not_included[paper.paper_id][1]
                lines.append(ContentsLine(f"{paper.title} ({why})", "not included", 1))
    return lines


def _contents_pages(build: _Build) -> int:
    from boardapp.exporting.pack.pages import contents_page_count

    return contents_page_count(len(_contents_lines(build)))


def _number_parts(build: _Build) -> int:
    """Give every part its first page; returns the number of contents pages (which can depend on it)."""
    contents = 1
    while True:
        page = contents + 1
        for part in build.parts:
            part.first = page
            page += part.pages
        needed = _contents_pages(build)
        if needed == contents:
            return contents
        contents = needed


def _holds_exempt_papers(build: _Build) -> bool:
    """Whether the pack shows any Part II paper (then the whole document is confidential)."""
    return any(p.item is not None and p.item.exempt and not p.item.withheld and p.paper for p in build.parts)


def _stamp_text(part: _Part) -> str:
    if part.item is None:
        return "Agenda"
    text = f"Item {part.item.number}: {part.item.title}"
    if part.paper is not None:
        text += f" — {part.paper.title}"
    return text


# -- writing ---------------------------------------------------------------------------------------
def _assemble(build: _Build, target: Path) -> None:
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.constants import PageLabelStyle

    plan = build.plan
    contents_count = _number_parts(build)
    total = contents_count + sum(part.pages for part in build.parts)
    confidential_all = plan.variant is PackVariant.PART_II
    mark = f"Supplement {plan.supplement_number}" if plan.variant is PackVariant.SUPPLEMENT else ""

    contents_pdf = build.workdir / "contents.pdf"
    render_contents(
        contents_pdf,
        title=_title(plan),
        subtitle=f"{plan.board_name}\nMeeting of {_long_date(plan)}",
        lines=_contents_lines(build),
    )
    writer = PdfWriter()
    stamps: list[PageStamp] = []
    sizes: list[tuple[float, float]] = []

    def add_pages(reader: PdfReader, label: str, confidential: bool) -> int:
        first_index = len(writer.pages)
        for page in reader.pages:
            added = writer.add_page(page)
            if added.rotation:
                added.transfer_rotation_to_content()
            box = added.mediabox
            sizes.append((float(box.width), float(box.height)))
            own = label == "Agenda"
            stamps.append(PageStamp(label, len(stamps) + 1, total, confidential, mark, replaces_footer=own))
        return first_index

    add_pages(PdfReader(str(contents_pdf)), "Contents", confidential_all or _holds_exempt_papers(build))
    writer.add_outline_item(title="Contents", page_number=0)
    current_item: str | None = None
    parent = None
    for number, part in enumerate(build.parts):
        confidential = confidential_all or (part.item is not None and part.item.exempt and not part.item.withheld)
        if part.pdf is None:
            notice_pdf = build.workdir / f"notice-{number}.pdf"
            assert part.item is not None
            render_notice(notice_pdf, f"Item {part.item.number}: {part.item.title}", part.notice)
            reader = PdfReader(str(notice_pdf))
        else:
            reader = _open_pdf(part.pdf, _stamp_text(part))
        index = add_pages(reader, _stamp_text(part), confidential)
        if part.item is None:
            writer.add_outline_item(title="Agenda", page_number=index)
            continue
        if part.item.number != current_item:
            current_item = part.item.number
            parent = writer.add_outline_item(title=f"{part.item.number}. {part.item.title}", page_number=index)
        child = part.paper.title if part.paper is not None else "Notice: not for publication"
        writer.add_outline_item(title=child, page_number=index, parent=parent)

    overlay = PdfReader(str(render_stamps(build.workdir / "stamps.pdf", stamps, sizes)))
    for page, stamp_page in zip(writer.pages, overlay.pages, strict=True):
        box = page.mediabox
        page.merge_transformed_page(stamp_page, Transformation().translate(float(box.left), float(box.bottom)))
    writer.set_page_label(0, total - 1, style=PageLabelStyle.DECIMAL, start=1)
    writer.add_metadata({"/Title": f"{_title(plan)}: {plan.board_name}, {plan.meeting_date.isoformat()}"})
    writer.page_mode = "/UseOutlines"
    with target.open("wb") as handle:
        writer.write(handle)


def _long_date(plan: PackPlan) -> str:
    from boardapp.core.dates import long_date

    return long_date(plan.meeting_date)


__all__ = ["PackResult", "PackVariant", "PaperProblem", "export_pack"]
