"""File ▸ Make a review copy… and File ▸ Import review…, driven by keyboard and mouse (issue 16.4)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.enums import ActionStatus
from boardapp.core.models import Action, ActionUpdate, ReviewImport
from boardapp.gui.dialogs.review_copy import ImportReviewDialog, MakeReviewCopyDialog, import_review_file
from boardapp.gui.operations import Operations
from boardapp.gui.review_copy_window import open_review_copy_file
from boardapp.services import followup
from boardapp.services.review_copy import make_review_copy, open_review_copy, propose, read_review, seal_review_copy
from boardapp.store.database import Store, open_database
from tests.helpers.builders import Sample

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date(2017, 11, 1)


def _on_modal(handler: Callable[[QWidget], None]) -> None:
    def run() -> None:
        widget = QApplication.activeModalWidget()
        assert widget is not None, "no dialog opened"
        handler(widget)

    QTimer.singleShot(0, run)


def test_the_clerk_makes_a_sealed_copy_without_part2(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    operations = Operations(store, show_errors=False)
    dialog = MakeReviewCopyDialog(operations, sample.board_id)
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "chair.boardreview"
    qtbot.keyClicks(dialog.passphrase, "a long passphrase")
    qtbot.keyClicks(dialog.again, "a long passphrase")
    qtbot.keyClicks(dialog.path, str(target))
    assert not dialog.part2.isChecked()
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), LEFT)
    assert dialog.saved == target
    plain = open_review_copy(target, "a long passphrase", folder=tmp_path)
    con = sqlite3.connect(plain)
    assert con.execute("SELECT count(*) FROM board").fetchone() == (1,)
    assert con.execute("SELECT includes_part2 FROM reviewcopyinfo").fetchone() == (0,)
    con.close()


def test_different_passphrases_write_nothing(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    dialog = MakeReviewCopyDialog(Operations(store, show_errors=False), sample.board_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "a long passphrase")
    qtbot.keyClicks(dialog.again, "another passphrase")
    qtbot.keyClicks(dialog.path, str(tmp_path / "x.boardreview"))
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), LEFT)
    assert shown and "differ" in shown[0]
    assert not (tmp_path / "x.boardreview").exists()


def _review(store: Store, sample: Sample, tmp_path: Path) -> Path:
    target = tmp_path / "chair.boardreview"
    with store.transaction() as session:
        make_review_copy(session, sample.board_id, target, include_part2=False, passphrase="a long passphrase")
    plain = open_review_copy(target, "a long passphrase", folder=tmp_path)
    copy = open_database(plain, tmp_path / "chair-backups")
    try:
        with copy.transaction() as session:
            propose(session, "action", sample.actions["video"], "status", "completed", "Shown", made_by="Cllr Chair")
            propose(session, "action", sample.actions["cse"], "comment", "Chase the police", made_by="Cllr Chair")
            propose(session, "action", sample.actions["stats"], "progress_note", "Better figures")
    finally:
        copy.close()
    seal_review_copy(plain, target, "a long passphrase")
    return target


def test_the_clerk_accepts_the_ticked_proposals(qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path) -> None:
    target = _review(store, sample, tmp_path)
    with store.transaction() as session:  # the clerk changed one since: a conflict, unticked
        followup.update_status(session, [sample.actions["stats"]], status=None, note="Clerk's note", on=TODAY)
    operations = Operations(store, show_errors=False)
    seen: dict[str, object] = {}

    def untick_the_comment_and_accept(widget: QWidget) -> None:
        """Read, untick row 2 by keyboard, click Accept selected (asserted after, so a failure cannot hang)."""
        if not isinstance(widget, ImportReviewDialog):
            seen["unexpected"] = widget
            widget.close()
            return
        table, model = widget.table, widget.model
        seen["conflicts"] = [model.index(r, 5).data() for r in range(model.rowCount())]
        seen["ticked_before"] = widget.ticked()
        table.setFocus()
        table.setCurrentIndex(model.index(1, 0))
        qtbot.keyClick(table, Qt.Key.Key_Space)
        seen["ticked_after"] = widget.ticked()
        qtbot.mouseClick(widget.accept_selected, LEFT)

    _on_modal(untick_the_comment_and_accept)
    message = import_review_file(None, operations, target, "a long passphrase", today=TODAY)
    assert "unexpected" not in seen
    ids = [1, 2, 3]  # the proposals, in the order the chair made them
    assert seen["conflicts"][:2] == ["", ""] and "Changed" in str(seen["conflicts"][2])  # type: ignore[index]
    assert seen["ticked_before"] == ids[:2] and seen["ticked_after"] == [1]
    assert message is not None and "Accepted 1 of 3" in message
    with store.session() as session:
        video = session.get(Action, sample.actions["video"])
        assert video is not None and video.status is ActionStatus.COMPLETED
        notes = session.exec(select(ActionUpdate.note).where(ActionUpdate.author == "Cllr Chair")).all()
        assert notes == ["Shown"]
        assert session.exec(select(ReviewImport)).one().rejected == 2
    failures: list[str] = []
    operations.failed.connect(failures.append)
    assert import_review_file(None, operations, target, "a long passphrase", today=TODAY) is None
    assert failures and "already imported" in failures[0]


def test_the_chair_reads_filters_and_proposes_then_the_sealed_copy_comes_back(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    target = tmp_path / "chair.boardreview"
    with store.transaction() as session:
        make_review_copy(session, sample.board_id, target, include_part2=False, passphrase="a long passphrase")
    window = open_review_copy_file(target, "a long passphrase")
    qtbot.addWidget(window)
    window.show()
    assert "REVIEW COPY" in window.banner.text()
    qtbot.keyClicks(window.filter, "video")
    visible = [r for r in range(window.model.rowCount()) if not window.table.isRowHidden(r)]
    assert [window.records[r].ref for r in visible] == ["IB-video"]
    row = visible[0]
    rect = window.table.visualRect(window.model.index(row, 1))
    qtbot.mouseClick(window.table.viewport(), LEFT, pos=rect.center())
    assert window.current_record() is not None and window.current_record().ref == "IB-video"  # type: ignore[union-attr]
    window.what.setFocus()
    window.what.setCurrentIndex(window.what.findData("status"))
    window.status.setCurrentIndex(window.status.findData("completed"))
    qtbot.keyClicks(window.comment, "Shown in October")
    qtbot.mouseClick(window.propose_button, LEFT)
    assert window.proposals_model.rowCount() == 1
    assert "Completed" in window.model.index(row, 6).data()
    window.close()  # saves and seals again
    assert target.read_bytes().startswith(b"BOARDAPP-REVIEW")
    operations = Operations(store, show_errors=False)
    diff = operations.read(read_review, target, "a long passphrase")
    assert [(p.record_label, p.proposed_text, p.comment) for p in diff.proposals] == [
        ("IB-video To show the video & report back", "Completed", "Shown in October")
    ]


def test_nothing_but_proposals_can_be_written_in_the_chair_s_window(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    target = tmp_path / "chair.boardreview"
    with store.transaction() as session:
        make_review_copy(session, sample.board_id, target, include_part2=False, passphrase=None)
    window = open_review_copy_file(target, None)
    qtbot.addWidget(window)
    window.operations.show_errors = False
    failures: list[str] = []
    window.operations.failed.connect(failures.append)
    video = [sample.actions["video"]]
    assert window.operations.run(followup.update_status, video, status=None, note="x", on=TODAY) is None
    assert failures and "only proposals and comments" in failures[0]
    window.close()
