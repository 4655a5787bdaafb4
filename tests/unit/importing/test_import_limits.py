"""Imports are bounded before loading (issue 11 point 6): hostile .xlsx/.docx files built at test time are
refused with a message naming the file before openpyxl or python-docx load them; a tall Word merge reads
linearly; progress is reported and a False answer cancels with nothing written.

Every hostile file is generated small (or streamed, for the big ones), so the suite stays light.
"""

from __future__ import annotations

import argparse
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import docx
import openpyxl
import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from boardapp.commands.imports import StderrProgress, import_actions
from boardapp.core.models import Action
from boardapp.home import AppHome
from boardapp.importing import limits
from boardapp.importing.limits import ImportCancelled, check_import_file, parse_range
from boardapp.importing.problems import ImportFileError
from boardapp.importing.tables import read_tables
from boardapp.services.action_import import apply_action_import, preview_action_import
from boardapp.services.errors import ServiceError
from boardapp.store.database import Store
from tests.helpers.builders import BOARD_NAME, Sample

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["Ref", "Date raised", "Action", "Owner", "Due", "Status", "Update"]


def _tiny_xlsx(path: Path, rows: int = 3) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append([f"IB-{n}", None, f"Action {n}", "Chris Coyle", None, "Open", None])
    workbook.save(path)
    return path


def _rewrite(source: Path, target: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, change(data) if info.filename == member else data)
    return target


def _add_merges(*refs: str) -> Callable[[bytes], bytes]:
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    block = f'</sheetData><mergeCells count="{len(refs)}">{cells}</mergeCells>'.encode()
    return lambda xml: xml.replace(b"</sheetData>", block)


def _refused(path: Path) -> str:
    """The message of the refusal, given before openpyxl or python-docx is asked to load the file."""
    loader = AssertionError("the file was handed to the loader")
    with (
        mock.patch.object(openpyxl, "load_workbook", side_effect=loader),
        mock.patch.object(docx, "Document", side_effect=loader),
        pytest.raises(ImportFileError) as caught,
    ):
        read_tables(path)
    message = str(caught.value)
    assert path.name in message
    assert "Traceback" not in message
    return message


# -- Excel --------------------------------------------------------------------------------------------------
def test_a_merged_range_over_the_whole_sheet_is_refused_without_allocating_cells(tmp_path: Path) -> None:
    bomb = _rewrite(_tiny_xlsx(tmp_path / "t.xlsx"), tmp_path / "bomb.xlsx", SHEET, _add_merges("A3:XFD1048576"))
    assert bomb.stat().st_size < 10_000
    message = _refused(bomb)
    assert "sheet 'Actions' merges the cells A3:XFD1048576 (1,048,574 rows × 16,384 columns)" in message
    assert "Unmerge them in Excel" in message


def test_many_merges_adding_up_to_too_many_cells_are_refused(tmp_path: Path) -> None:
    refs = [f"{letter}1:{letter}150000" for letter in "ABCDEFGH"]  # each allowed, 1.2 million cells in all
    many = _rewrite(_tiny_xlsx(tmp_path / "t.xlsx"), tmp_path / "many.xlsx", SHEET, _add_merges(*refs))
    assert "merges more than 1,000,000 cells in all" in _refused(many)


def test_a_huge_declared_dimension_is_refused(tmp_path: Path) -> None:
    def declare(xml: bytes) -> bytes:
        changed, count = re.subn(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', xml)
        assert count == 1
        return changed

    big = _rewrite(_tiny_xlsx(tmp_path / "t.xlsx"), tmp_path / "declared.xlsx", SHEET, declare)
    message = _refused(big)
    assert "sheet 'Actions' is too large to import: it declares 1,048,576 rows × 16,384 columns" in message


def test_a_dimension_beyond_our_limits_but_within_excels_is_refused(tmp_path: Path) -> None:
    def declare(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:ZZ300000"', xml)

    big = _rewrite(_tiny_xlsx(tmp_path / "t.xlsx"), tmp_path / "declared.xlsx", SHEET, declare)
    assert "300,000 rows × 702 columns" in _refused(big)


def test_a_dimension_smaller_than_the_data_loses_nothing(tmp_path: Path) -> None:
    """Streaming reads every row written, not just the declared range (some writers always declare A1)."""

    def declare(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1"', xml)

    wrong = _rewrite(_tiny_xlsx(tmp_path / "t.xlsx", rows=4), tmp_path / "wrong.xlsx", SHEET, declare)
    table = read_tables(wrong).tables[0]
    assert len(table.rows) == 5 and table.width == 7
    assert [row.cells[2].text for row in table.rows[1:]] == ["Action 0", "Action 1", "Action 2", "Action 3"]


def _corrupt_stream(path: Path, member: str) -> Path:
    """Overwrite the start of `member`'s deflate stream with an invalid block header."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    with path.open("r+b") as handle:
        handle.seek(info.header_offset + 26)
        name_length, extra_length = int.from_bytes(handle.read(2), "little"), int.from_bytes(handle.read(2), "little")
        handle.seek(info.header_offset + 30 + name_length + extra_length)
        handle.write(b"\xff" * 16)
    return path


def test_a_corrupt_compressed_stream_is_a_damaged_file_not_a_zlib_traceback(tmp_path: Path) -> None:
    broken = _corrupt_stream(_tiny_xlsx(tmp_path / "broken.xlsx"), SHEET)
    message = _refused(broken)
    assert "broken.xlsx is damaged (a compressed part cannot be unpacked" in message
    assert "save it again" in message


def test_a_bad_checksum_is_a_damaged_file(tmp_path: Path) -> None:
    path = _tiny_xlsx(tmp_path / "crc.xlsx")
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target, zipfile.ZipFile(path) as old:
        for item in old.infolist():
            target.writestr(item.filename, old.read(item))
    data = bytearray(stored.read_bytes())
    at = data.find(b"<sheets>")  # inside the stored (uncompressed) workbook.xml: a flipped byte fails the CRC
    data[at + 1] ^= 0x20
    stored.write_bytes(bytes(data))
    assert "stored.xlsx is damaged (a compressed part cannot be unpacked: Bad CRC-32" in _refused(stored)


def _with_shared_string(source: Path, target: Path, megabytes: float, fill: bytes = b"x") -> Path:
    """`source` with a shared-strings part holding one string of `megabytes`, written as a stream."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "xl/sharedStrings.xml":
                new.writestr(info.filename, old.read(info))
        with new.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            out.write(b"<si><t>")
            left = int(megabytes * 1024 * 1024)
            block = fill * (64 * 1024)
            while left > 0:
                out.write(block[:left])
                left -= len(block)
            out.write(b"</t></si></sst>")
    return target


def test_a_cell_too_long_for_excel_is_refused(tmp_path: Path) -> None:
    long_cell = _with_shared_string(_tiny_xlsx(tmp_path / "t.xlsx"), tmp_path / "long.xlsx", 0.75)
    message = _refused(long_cell)
    assert "part xl/sharedStrings.xml holds a cell or paragraph of more than 512 KB of text" in message


def test_a_huge_cell_packed_small_is_refused_as_a_zip_bomb(tmp_path: Path) -> None:
    bomb = _with_shared_string(_tiny_xlsx(tmp_path / "t.xlsx"), tmp_path / "cell-bomb.xlsx", 40)
    assert bomb.stat().st_size < 200_000  # 40 MB of text in a file this small
    message = _refused(bomb)
    assert "looks like a “zip bomb”: its part xl/sharedStrings.xml packs 40 MB" in message


def test_the_unpacked_size_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 1024 * 1024)
    noisy = bytes(range(256)) * 16  # packs badly: not a ratio problem, only a size one
    big = _with_shared_string(_tiny_xlsx(tmp_path / "t.xlsx"), tmp_path / "big.xlsx", 1.5, fill=noisy)
    assert "big.xlsx unpacks to 2 MB (the limit is 1 MB)" in _refused(big)


def test_a_grid_built_by_hand_is_bounded_before_it_is_built() -> None:
    limits.check_table_size("members.csv", 200, 10)
    with pytest.raises(ImportFileError, match=r"members.csv is too large to import \(3 rows × 1,000,000 columns"):
        limits.check_table_size("members.csv", 3, 1_000_000)


def test_parse_range() -> None:
    assert parse_range("A3:XFD1048576") == (3, 1, 1_048_576, 16_384)
    assert parse_range("$B$2") == (2, 2, 2, 2)
    assert parse_range("C5:A1") == (1, 1, 5, 3)
    assert parse_range("nonsense") is None


def test_a_normal_workbook_passes_and_keeps_its_merges_and_frozen_rows(tmp_path: Path) -> None:
    from tests.fixtures.actions import build

    log = build.clean_log(tmp_path / "Board Action Log.xlsx")
    facts = check_import_file(log, "xlsx")
    sheet = facts.sheets["Action Log"]
    assert sheet.merges == [(1, 1, 1, 7)] and sheet.frozen_rows == 2 and not sheet.has_formulas
    table = read_tables(log).tables[0]
    assert table.frozen_rows == 2
    assert table.rows[0].cells[0].merge is not None and table.rows[0].cells[1].is_merged_continuation


# -- Word ---------------------------------------------------------------------------------------------------
def _tall_merge_docx(path: Path, rows: int) -> Path:
    """Column A merged from row 2 to the end; C2:C4 and C6:C7 merged too (vMerge set on the XML: fast)."""
    document = docx.Document()
    table = document.add_table(rows=rows, cols=3)
    for r, tr in enumerate(table._tbl.tr_lst):
        tcs = tr.tc_lst
        if r == 0:
            for tc, text in zip(tcs, ("Area", "Action", "Lead"), strict=True):
                tc.p_lst[0].add_r().text = text
            continue
        tcs[1].p_lst[0].add_r().text = f"Action {r}"
        tcs[0].vMerge = "restart" if r == 1 else "continue"
        if r in (1, 5):
            tcs[2].vMerge = "restart"
        elif r in (2, 3, 6):
            tcs[2].vMerge = "continue"
    table._tbl.tr_lst[1].tc_lst[0].p_lst[0].add_r().text = "One workstream"
    document.save(str(path))
    return path


@pytest.mark.parametrize("rows", [400, 2000])
def test_a_tall_vertical_merge_in_word_reads_each_cell_with_its_whole_area(tmp_path: Path, rows: int) -> None:
    table = read_tables(_tall_merge_docx(tmp_path / "tall.docx", rows)).tables[0]
    first = table.rows[1].cells[0]
    assert first.text == "One workstream" and not first.is_merged_continuation
    for row in table.rows[1:]:
        cell = row.cells[0]
        assert cell.merge is not None and cell.merge.describe() == f"A2:A{rows}"
        assert cell.is_merged_continuation == (row.row_number > 2)
    assert [row.cells[2].merge.describe() if row.cells[2].merge else "" for row in table.rows[:8]] == [
        "",
        "C2:C4",
        "C2:C4",
        "C2:C4",
        "",
        "C6:C7",
        "C6:C7",
        "",
    ]
    assert table.rows[0].cells[0].merge is None


def test_a_word_file_with_too_many_table_rows_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rows.docx"
    document = docx.Document()
    document.add_table(rows=30, cols=2)
    document.save(str(path))
    monkeypatch.setattr(limits, "MAX_ROWS", 20)
    assert "rows.docx has more than 20 table rows" in _refused(path)


def test_a_corrupt_word_file_is_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    document = docx.Document()
    document.add_paragraph("Minutes")
    document.save(str(path))
    assert "broken.docx is damaged" in _refused(_corrupt_stream(path, "word/document.xml"))


# -- progress and cancel -------------------------------------------------------------------------------------
def _log(path: Path, rows: int) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action Log"
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append([f"IB-X{n:05d}", None, f"Report on work stream {n}", "Chris Coyle", None, "Open", None])
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def log_3000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _log(tmp_path_factory.mktemp("log") / "Long log.xlsx", 3000)


def _actions(store: Store) -> int:
    with store.session() as session:
        return session.exec(select(func.count()).select_from(Action)).one()


def test_the_service_reports_progress_row_by_thousands(store: Store, sample: Sample, log_3000: Path) -> None:
    reports: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        reports.append((done, total))
        return True

    with store.session() as session:
        preview = preview_action_import(session, log_3000, board=BOARD_NAME, progress=progress)
    assert len(preview.actions) == 3000
    assert reports == [(0, 3001), (1000, 3001), (2000, 3001), (3000, 3001), (3001, 3001)]


def test_a_false_answer_cancels_with_nothing_written(store: Store, sample: Sample, log_3000: Path) -> None:
    before = _actions(store)
    seen: list[int] = []

    def cancel_at_1000(done: int, total: int) -> bool:
        seen.append(done)
        return done < 1000

    with store.session() as session, pytest.raises(ImportCancelled) as caught:
        preview_action_import(session, log_3000, board=BOARD_NAME, progress=cancel_at_1000)
    assert str(caught.value) == "The import of Long log.xlsx was cancelled; nothing was imported."
    assert seen == [0, 1000]  # stopped at once
    assert _actions(store) == before


def test_the_command_line_shows_progress_on_stderr(
    home: AppHome, store: Store, sample: Sample, log_3000: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(file=log_3000, board=BOARD_NAME, map=[], dry_run=True)
    assert import_actions(home, args) == 0
    captured = capsys.readouterr()
    assert "Read 1,000 of 3,001 rows…\nRead 2,000 of 3,001 rows…" in captured.err
    assert captured.err.rstrip().endswith("Read 3,001 of 3,001 rows…")
    assert "Dry run: nothing was written." in captured.out


def test_small_files_print_no_progress(capsys: pytest.CaptureFixture[str]) -> None:
    progress = StderrProgress()
    assert progress(0, 40) and progress(40, 40)
    assert capsys.readouterr().err == "" and not progress.reported


def test_ctrl_c_while_reading_writes_nothing_and_says_so(
    home: AppHome,
    store: Store,
    sample: Sample,
    log_3000: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(self: StderrProgress, done: int, total: int) -> bool:
        if done >= 1000:
            raise KeyboardInterrupt
        return True

    monkeypatch.setattr(StderrProgress, "__call__", interrupted)
    before = _actions(store)
    args = argparse.Namespace(file=log_3000, board=BOARD_NAME, map=[], dry_run=False)
    assert import_actions(home, args) == 130
    assert "Import cancelled: nothing was written." in capsys.readouterr().err
    assert _actions(store) == before


def test_writing_reports_progress_and_a_false_answer_rolls_everything_back(
    store: Store, sample: Sample, log_3000: Path
) -> None:
    with store.session() as session:
        preview = preview_action_import(session, log_3000, board=BOARD_NAME)
    before = _actions(store)
    seen: list[tuple[int, int]] = []

    def cancel_at_2000(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2000

    cancelled = r"The import of Long log.xlsx was cancelled; nothing was written\."
    with pytest.raises(ServiceError, match=cancelled), store.transaction() as session:
        apply_action_import(session, preview, progress=cancel_at_2000)
    assert seen == [(0, 3000), (1000, 3000), (2000, 3000)]
    assert _actions(store) == before  # the 2,000 written were rolled back

    seen.clear()
    with store.transaction() as session:
        ids, _changes = apply_action_import(session, preview, progress=lambda d, t: seen.append((d, t)) is None)
    assert len(ids) == 3000 and seen[-1] == (3000, 3000)
    assert _actions(store) == before + 3000


def test_the_command_line_shows_writing_progress(
    home: AppHome, store: Store, sample: Sample, log_3000: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(file=log_3000, board=BOARD_NAME, map=[], dry_run=False)
    assert import_actions(home, args) == 0
    captured = capsys.readouterr()
    assert "Wrote 1,000 of 3,000 actions…" in captured.err and "Wrote 3,000 of 3,000 actions…" in captured.err
    assert "Imported 3000 action(s)" in captured.out
