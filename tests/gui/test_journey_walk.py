"""What a clerk saw walking the journeys from an empty home (task Q): each test pins one thing that looked
wrong on screen and was put right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from boardapp.core.dates import long_date
from boardapp.exporting.pack.contents import PackVariant
from boardapp.gui.dialogs.board_settings import BoardSettingsDialog
from boardapp.gui.dialogs.export_pack import ExportPackDialog
from boardapp.gui.dialogs.review_copy import ImportReviewDialog
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.operations import Operations
from boardapp.gui.review_copy_window import open_review_copy_file
from boardapp.services import agenda, boards, minuting
from boardapp.services.review_copy import make_review_copy, propose, read_review
from boardapp.store.database import Store, open_database
from tests.helpers.builders import Sample


def test_the_export_buttons_keep_their_size_on_a_meeting_with_no_publication_line(
    window: MainWindow, sample: Sample
) -> None:
    """A held meeting never published has no deadline line; its buttons once stretched across the page."""
    window.resize(1280, 800)
    assert window.select(NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id))
    QApplication.processEvents()
    page = window.meeting_page
    assert not page.deadline_label.isVisibleTo(page)
    for button in page.export_buttons.values():
        assert button.width() <= button.sizeHint().width() + 8, button.text()
    rightmost = page.export_buttons["pack"]
    assert rightmost.geometry().right() > page.width() * 0.9  # still at the right, where they are on other meetings


def test_an_empty_plans_folder_says_how_a_plan_gets_in(window: MainWindow, sample: Sample) -> None:
    assert window.select(NavTarget(NodeKind.PLANS, sample.other_board_id, sample.other_board_id))
    text = window.welcome_page.label.text()
    assert "No plans yet" in text and "Improvement plan" in text
    assert "Choose one on the left" not in text  # there is nothing on the left to choose


def test_a_board_with_one_plan_says_one_plan(window: MainWindow, sample: Sample) -> None:
    assert window.select(NavTarget(NodeKind.PLANS, sample.board_id, sample.board_id))
    assert "1 plan. Choose one on the left" in window.welcome_page.label.text()


def test_the_board_settings_dialog_sets_the_agenda_publication_days(qtbot: QtBot, store: Store) -> None:
    """The meeting page counts down to the publication deadline, but the dialog had no way to set its days."""
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Harbour Trust Board")
    dialog = BoardSettingsDialog(Operations(store, show_errors=False), board_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.publication_spin.value() == 5
    dialog.publication_spin.selectAll()
    qtbot.keyClicks(dialog.publication_spin, "8")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        assert boards.board_settings(session, board_id).publication_days == 8


def test_a_new_board_keeps_the_publication_days_typed(qtbot: QtBot, store: Store) -> None:
    dialog = BoardSettingsDialog(Operations(store, show_errors=False))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Harbour Trust Board")
    dialog.publication_spin.selectAll()
    qtbot.keyClicks(dialog.publication_spin, "10")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    with store.session() as session:
        assert boards.board_settings(session, dialog.saved_id).publication_days == 10


def _label(window: MainWindow, kind: NodeKind, target_id: int | None, board_id: int) -> str:
    return str(window.navigator_model.data(window.navigator_model.find(NavTarget(kind, target_id, board_id))))


def test_an_action_raised_while_minuting_counts_in_the_navigator_at_once(window: MainWindow, sample: Sample) -> None:
    """Raising an action left "Action log (N open)" at the old N until a meeting or board changed."""
    board = sample.board_id
    before = _label(window, NodeKind.ACTION_LOG, board, board)
    assert window.select(NavTarget(NodeKind.MEETING, sample.meetings["august"], board))
    meetings = window.navigator_model.find(NavTarget(NodeKind.MEETINGS, board, board))
    assert window.navigator.isExpanded(meetings)
    assert window.open_workspace()
    item = sample.items[1]
    owner = next(iter(sample.people))  # someone already known: no new person, so only the actions changed
    draft = window.operations.read(minuting.draft_action, item, f"Survey the slipway – {owner}")
    assert [o.person_id for o in draft.owners] == [sample.people[owner]]
    assert window.operations.run(minuting.create_action, item, draft) is not None
    after = _label(window, NodeKind.ACTION_LOG, board, board)
    count = int(before.split("(")[1].split()[0])
    assert after == before.replace(f"({count} open)", f"({count + 1} open)")
    window.close_workspace()
    assert window.navigator.isExpanded(window.navigator_model.find(NavTarget(NodeKind.MEETINGS, board, board)))
    assert window.current_target == NavTarget(NodeKind.MEETING, sample.meetings["august"], board)


def _chairs_copy(store: Store, sample: Sample, tmp_path: Path) -> Path:
    """A review copy the clerk Jo Clerk made, in which the chair proposed one status (giving no name)."""
    target = tmp_path / "chair.boardreview"
    with store.transaction() as session:
        make_review_copy(session, sample.board_id, target, include_part2=False, passphrase=None, made_by="Jo Clerk")
    copy = open_database(target, tmp_path / "chair-backups")
    try:
        with copy.transaction() as session:
            propose(session, "action", sample.actions["video"], "status", "completed", "Shown to members")
    finally:
        copy.close()
    return target


def test_the_import_does_not_record_the_clerk_who_made_the_copy_as_the_chair(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    """The import dialog offered "Recorded as made by: Jo Clerk": the clerk's own name on the chair's proposals."""
    target = _chairs_copy(store, sample, tmp_path)
    operations = Operations(store, show_errors=False)
    diff = operations.read(read_review, target)
    dialog = ImportReviewDialog(operations, diff, dt.date(2017, 11, 1))
    qtbot.addWidget(dialog)
    assert dialog.chair.text() == "Chair"
    heading = dialog.findChild(QLabel)
    assert heading is not None and f"made on {long_date(diff.made_at.date())}" in heading.text()


def test_the_chair_s_window_reads_the_date_in_words_and_the_refs_whole(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    """The banner said "made on 6/12/2026" and the Ref column cut every ref to "HTB-202701..."."""
    window = open_review_copy_file(_chairs_copy(store, sample, tmp_path), None)
    qtbot.addWidget(window)
    window.show()
    try:
        assert "/" not in window.banner.text().split("made on ")[1].split(" by ")[0]
        assert "by Jo Clerk" in window.banner.text()
        ref = window.model.index(0, 1)
        needed = window.table.fontMetrics().horizontalAdvance(str(ref.data()))
        assert window.table.columnWidth(1) >= needed
    finally:
        window.save_and_release()


def test_an_unminuted_item_keeps_resolved_and_actions_together(window: MainWindow, sample: Sample) -> None:
    """On an item with no decision and no action yet, the workspace spread "Formal record", "Resolved:" and
    "Actions:" down the page with wide gaps between them."""
    window.resize(1280, 800)
    meeting = sample.meetings["october"]
    window.operations.run(agenda.add_item, meeting, "Harbour wall repairs", position=1)
    assert window.select(NavTarget(NodeKind.MEETING, meeting, sample.board_id))
    assert window.open_workspace()  # the first item, as the clerk first sees the workspace
    window.grab()  # lays the window out as it is painted
    editor = window.workspace.editor
    for part in (editor.record, editor.decisions_title, editor.actions_title):  # each as tall as its contents
        assert part.height() <= part.sizeHint().height() + 4, (part, part.height(), part.sizeHint().height())


def test_the_part2_supplement_is_offered_only_when_an_exempt_item_has_papers(
    qtbot: QtBot, store: Store, sample: Sample
) -> None:
    """August's exempt item 4 has no paper: the dialog offered a Part II supplement the builder then refused
    ("no exempt (Part II) papers, so there is no Part II supplement to build")."""
    operations = Operations(store, show_errors=False)
    dialog = ExportPackDialog(operations, sample.meetings["august"])
    qtbot.addWidget(dialog)
    assert not dialog.radios[PackVariant.PART_II].isEnabled()
    operations.run(agenda.add_paper, sample.items[4], "Staffing matter", "https://example.org/confidential")
    dialog = ExportPackDialog(operations, sample.meetings["august"])
    qtbot.addWidget(dialog)
    assert dialog.radios[PackVariant.PART_II].isEnabled()


def test_a_board_s_page_counts_in_words(window: MainWindow, sample: Sample) -> None:
    """The other board's page read "1 meetings · 0 plans · 1 open actions"."""
    assert window.select(NavTarget(NodeKind.BOARD, sample.other_board_id, sample.other_board_id))
    assert "1 meeting · 0 plans · 1 open action<" in window.welcome_page.label.text()
