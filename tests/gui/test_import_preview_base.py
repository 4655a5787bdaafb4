"""The membership-list and minutes imports share one skeleton (gui/dialogs/imports/base.py): the same
widgets under their own names, and the same plain refusals from an empty database, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import func, select

from boardapp.core.models import Meeting, Person
from boardapp.gui.dialogs.imports.base import NO_BOARDS, PreviewImportDialog
from boardapp.gui.dialogs.members_import import MembersImportDialog
from boardapp.gui.dialogs.minutes_import import MinutesImportDialog
from boardapp.gui.operations import Operations
from boardapp.store.database import Store


@pytest.mark.parametrize("kind", ["members", "minutes"])
def test_both_imports_refuse_plainly_on_an_empty_database(
    qtbot: QtBot, store: Store, tmp_path: Path, kind: str
) -> None:
    operations = Operations(store, show_errors=False)
    cls = MembersImportDialog if kind == "members" else MinutesImportDialog
    dialog: PreviewImportDialog[object] = cls(operations, None)  # type: ignore[assignment]
    qtbot.addWidget(dialog)
    dialog.show()
    name = f"{kind}Import"
    assert dialog.objectName() == f"{name}Dialog" and dialog.import_button.objectName() == f"{name}Run"
    assert dialog.preview is None and not dialog.import_button.isEnabled()

    source = tmp_path / ("list.csv" if kind == "members" else "minutes.docx")
    source.write_text("name,role\nJane Booth,member\n")
    dialog.set_paths([source])

    assert dialog.summary.text() == NO_BOARDS and dialog.preview is None
    assert dialog.rows_view.model().rowCount() == 0 and dialog.problems_model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    dialog.run_import()  # nothing to import: refused without a word written
    assert not dialog.imported
    with store.session() as session:
        assert session.exec(select(func.count()).select_from(Person)).one() == 0
        assert session.exec(select(func.count()).select_from(Meeting)).one() == 0
