"""The reports pack: a meeting's agenda and papers as one PDF, paginated as one document.

    result = export_pack(session, meeting_id, path, "public")
    result.pages, result.paper_ids, result.not_included

Order: contents page(s), the agenda (full and public packs), then each item's papers. Every page
carries a footer stamp naming the item and paper and the page number of the whole pack; each
item and paper has a bookmark; page labels run 1..N so a viewer's page box agrees with the
footers and with "pages X–Y" on the contents. Every paper is opened and checked before anything
is written; a missing, unreadable, encrypted or oversized paper stops the export with a message
naming it, and the file is written atomically (render.write_atomically), never half-built.

The pack is tagged PDF (issue 15): the contents, the agenda and the Part II notices are tagged
where they are made (pack/pages.py, backends/pdf_tags.py), and pikepdf merges them keeping their
structure trees as one (`_Structure`): one Document element, one parent tree, /MarkInfo, /Lang,
/DisplayDocTitle. Papers are other people's PDFs: their pages go in untagged (their own tags are
dropped: a paper's parent tree cannot be merged reliably), and the footer stamps laid over every
page are pagination artifacts. pikepdf is already a dependency (pdf_tags) and faster than pypdf
(benchmarks/pack.py). Word, Excel and other office papers are converted with LibreOffice when it
is installed; otherwise they are listed on the contents as not included.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

import pikepdf
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


def _open_pdf(path: Path, named: str) -> pikepdf.Pdf:
    """The PDF opened with pikepdf (close it), or PaperProblem saying why it cannot go in."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise PaperProblem(
            f"The pack was not written: {named} is password-protected (encrypted). Ask its author for a copy "
            f"without a password."
        ) from None
    except (pikepdf.PdfError, OSError, ValueError, RecursionError) as exc:
        raise PaperProblem(f"The pack was not written: {named} is not a readable PDF ({exc}).") from None
    try:
        len(pdf.pages)
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        pdf.close()
        raise PaperProblem(
            f"The pack was not written: {named} is not a readable PDF ({type(exc).__name__}: {exc})."
        ) from None
    return pdf


def _count_pages(path: Path, named: str) -> int:
    with _open_pdf(path, named) as pdf:
        pages = len(pdf.pages)
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
LANGUAGE = "en-GB"  # the agenda's own /Lang wins when it has one
FOOTER_ARTIFACT = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC"


class _Structure:
    """The pack's one structure tree, gathered from the tagged parts as their pages are appended.

    qpdf copies a foreign object once per source file, so a struct element's /Pg copied after its
    pages were appended points at the pack's copy of that page.
    """

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        self.document = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=self.root, K=pikepdf.Array())
        )
        self.nums = pikepdf.Array()
        self.next_key = 0

    def adopt(self, source: pikepdf.Pdf, pages: list[pikepdf.Page]) -> None:
        """Graft `source`'s tree under the pack's Document (as a Sect); renumber its pages' parent-tree keys."""
        tree = source.Root.get("/StructTreeRoot")
        if tree is None or "/K" not in tree:
            _untag(pages)
            return
        old = pikepdf.NumberTree(tree.ParentTree) if "/ParentTree" in tree else None
        for page in pages:
            key = page.obj.get("/StructParents")
            if key is None or old is None or int(key) not in old:
                _drop(page.obj, "/StructParents")
                continue
            page.obj.StructParents = self._entry(source, old[int(key)])
            for annot in page.obj.get("/Annots", pikepdf.Array()):
                if "/StructParent" in annot and int(annot.StructParent) in old:
                    annot.StructParent = self._entry(source, old[int(annot.StructParent)])
        top = self.pdf.copy_foreign(tree.K)
        section = self.pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Sect, P=self.document, K=pikepdf.Array())
        )
        for elem in (top.K if "/K" in top else []) if top.get("/S") == "/Document" else [top]:
            if isinstance(elem, pikepdf.Dictionary):
                elem.P = section
                section.K.append(elem)
        self.document.K.append(section)  # one section per part: the contents, the agenda, a notice

    def _entry(self, source: pikepdf.Pdf, value: pikepdf.Object) -> int:
        key = self.next_key
        self.next_key += 1
        self.nums.append(key)
        self.nums.append(self.pdf.copy_foreign(value if value.is_indirect else source.make_indirect(value)))
        return key

    def finish(self, language: str) -> None:
        self.root.K = self.document
        self.root.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=self.nums))
        self.root.ParentTreeNextKey = self.next_key
        self.pdf.Root.StructTreeRoot = self.root
        self.pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        self.pdf.Root.Lang = pikepdf.String(language)
        self.pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        for page in self.pdf.pages:
            page.obj.Tabs = pikepdf.Name.S


def _drop(obj: pikepdf.Object, key: str) -> None:
    if key in obj:
        del obj[key]


def _untag(pages: list[pikepdf.Page]) -> None:
    """A paper's own marked content keys point into a parent tree the pack does not carry."""
    for page in pages:
        _drop(page.obj, "/StructParents")
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if isinstance(annot, pikepdf.Dictionary):
                _drop(annot, "/StructParent")


def _stamp(pdf: pikepdf.Pdf, page: pikepdf.Page, stamp: pikepdf.Page) -> None:
    """Lay the stamp page over `page` as a form XObject inside a pagination artifact."""
    form = pdf.copy_foreign(stamp.as_form_xobject())
    name = page.add_resource(form, pikepdf.Name.XObject, prefix="Stamp")
    box = page.mediabox
    left, bottom = float(box[0]), float(box[1])
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    overlay = b"\nQ\n%s\nq 1 0 0 1 %.4f %.4f cm %s Do Q\nEMC\n" % (
        FOOTER_ARTIFACT,
        left,
        bottom,
        bytes(str(name), "ascii"),
    )
    page.contents_add(pdf.make_stream(overlay))


def _assemble(build: _Build, target: Path) -> None:
    plan = build.plan
    contents_count = _number_parts(build)
    total = contents_count + sum(part.pages for part in build.parts)
    confidential_all = plan.variant is PackVariant.PART_II
    mark = f"Supplement {plan.supplement_number}" if plan.variant is PackVariant.SUPPLEMENT else ""
    title = f"{_title(plan)}: {plan.board_name}, {plan.meeting_date.isoformat()}"

    contents_pdf = build.workdir / "contents.pdf"
    render_contents(
        contents_pdf,
        title=_title(plan),
        subtitle=f"{plan.board_name}\nMeeting of {_long_date(plan)}",
        lines=_contents_lines(build),
    )
    with ExitStack() as open_files, pikepdf.new() as pdf:
        structure = _Structure(pdf)
        stamps: list[PageStamp] = []
        sizes: list[tuple[float, float]] = []
        language = LANGUAGE

        def add_pages(path: Path, label: str, confidential: bool, tagged: bool) -> int:
            nonlocal language
            source = open_files.enter_context(_open_pdf(path, label))
            first_index = len(pdf.pages)
            pdf.pages.extend(source.pages)
            added = list(pdf.pages)[first_index:]
            for page in added:
                if page.obj.get("/Rotate", 0):
                    page.flatten_rotation()  # the stamp then sits at the foot of the page as shown
                box = page.mediabox
                sizes.append((float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
                own = label == "Agenda"
                stamps.append(PageStamp(label, len(stamps) + 1, total, confidential, mark, replaces_footer=own))
            if tagged:
                structure.adopt(source, added)
                if label == "Agenda" and "/Lang" in source.Root:
                    language = str(source.Root.Lang)
            else:
                _untag(added)
            return first_index

        add_pages(contents_pdf, "Contents", confidential_all or _holds_exempt_papers(build), tagged=True)
        outline_items: list[pikepdf.OutlineItem] = [pikepdf.OutlineItem("Contents", 0)]
        current_item: str | None = None
        parent: pikepdf.OutlineItem | None = None
        for number, part in enumerate(build.parts):
            confidential = confidential_all or (part.item is not None and part.item.exempt and not part.item.withheld)
            if part.pdf is None:
                assert part.item is not None
                source = render_notice(
                    build.workdir / f"notice-{number}.pdf", f"Item {part.item.number}: {part.item.title}", part.notice
                )
                index = add_pages(source, _stamp_text(part), confidential, tagged=True)
            else:
                index = add_pages(part.pdf, _stamp_text(part), confidential, tagged=part.item is None)
            if part.item is None:
                outline_items.append(pikepdf.OutlineItem("Agenda", index))
                continue
            if part.item.number != current_item:
                current_item = part.item.number
                parent = pikepdf.OutlineItem(f"{part.item.number}. {part.item.title}", index)
                outline_items.append(parent)
            child = part.paper.title if part.paper is not None else "Notice: not for publication"
            assert parent is not None
            parent.children.append(pikepdf.OutlineItem(child, index))

        overlay = open_files.enter_context(pikepdf.open(render_stamps(build.workdir / "stamps.pdf", stamps, sizes)))
        for page, stamp_page in zip(pdf.pages, overlay.pages, strict=True):
            _stamp(pdf, page, stamp_page)
        with pdf.open_outline() as outline:
            outline.root.extend(outline_items)
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.D, St=1)])
        pdf.Root.PageMode = pikepdf.Name.UseOutlines
        structure.finish(language)
        pdf.docinfo.Title = pikepdf.String(title)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
        with target.open("wb") as handle:
            pdf.save(handle, min_version="1.7", object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _long_date(plan: PackPlan) -> str:
    from boardapp.core.dates import long_date

    return long_date(plan.meeting_date)


__all__ = ["PackResult", "PackVariant", "PaperProblem", "export_pack"]
