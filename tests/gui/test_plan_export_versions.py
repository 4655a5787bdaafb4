"""Issue 12 point 3 in the GUI: the plan page's plan report and evidence pack exports offer a public
version (leaving out Part II business) and a full, confidential one, through the same exporting
functions as `boardapp export plan|evidence --public`. The files written are read back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.models import Action
from boardapp.exporting.backends.readback import read_xlsx_text
from boardapp.gui.operations import Operations
from boardapp.gui.views.action_log_export import FULL_VERSION, PUBLIC_VERSION
from boardapp.gui.views.plan_page import PlanPage
from boardapp.gui.views.recommendations_page import RecommendationsPage
from boardapp.services import agenda, followup
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample
from tests.helpers.exporting_readback import flat, read_back


@pytest.fixture
def informed() -> list[str]:
    return []


@pytest.fixture
def secret(store: Store, sample: Sample) -> Action:
    """IB-cse, raised under an item made exempt (Part II), serving plan entry 1.1."""
    operations = Operations(store, show_errors=False)
    with store.session() as session:
        action = session.exec(select(Action).where(Action.ref == "IB-cse")).one()
    assert action.raised_item_id is not None and action.id is not None
    operations.run(agenda.update_item, action.raised_item_id, is_exempt=True, exempt_paragraph="1",
                   exempt_reason="it names a child")  # fmt: skip
    operations.run(followup.link_plan_item, action.id, sample.plan_items["1.1"], on=TODAY)
    with store.session() as session:
        stamped = session.exec(select(Action).where(Action.ref == "IB-cse")).one()
    assert stamped.is_exempt
    return stamped


@pytest.fixture
def page(qtbot: QtBot, store: Store, sample: Sample, secret: Action, informed: list[str]) -> Iterator[PlanPage]:
    widget = PlanPage(Operations(store, show_errors=False), today=lambda: TODAY)
    widget.inform = lambda _title, text: informed.append(text)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_plan(sample.plan_id)
    yield widget


def text_of(path: Path) -> str:
    return flat(read_xlsx_text(path) if path.suffix == ".xlsx" else read_back(path))


def click_export(qtbot: QtBot, page: PlanPage | RecommendationsPage, kind: str) -> None:
    button = page.toolbar.widgetForAction(page.exporter.actions[kind])
    assert isinstance(button, QAbstractButton) and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))


@pytest.mark.parametrize(
    ("kind", "fmt"), [("plan", "xlsx"), ("plan", "pdf"), ("evidence", "docx"), ("evidence", "pdf")]
)
def test_plan_exports_offer_a_public_version_without_part_ii_business(
    qtbot: QtBot, page: PlanPage, secret: Action, informed: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, kind: str, fmt: str,
) -> None:  # fmt: skip
    choice = page.exporter.version
    assert [choice.itemText(i) for i in range(choice.count())] == [FULL_VERSION, PUBLIC_VERSION]
    assert choice.currentText() == FULL_VERSION
    target = tmp_path / "full"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target.with_suffix(f".{fmt}")), ""))
    click_export(qtbot, page, kind)
    full = text_of(tmp_path / f"full.{fmt}")
    assert "CONFIDENTIAL" in full and secret.ref in full
    assert informed[-1].startswith("Wrote the ") and "full version" in informed[-1]

    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)  # the clerk picks the public version
    assert choice.currentText() == PUBLIC_VERSION
    target = tmp_path / "public"
    click_export(qtbot, page, kind)
    public = text_of(tmp_path / f"public.{fmt}")
    assert secret.ref not in public and flat(secret.text)[:30] not in public and "CONFIDENTIAL" not in public
    assert "public version" in informed[-1]


def test_the_format_follows_the_chosen_filter_and_cancel_writes_nothing(
    page: PlanPage, informed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(out / "report"), "PDF (*.pdf)"))
    assert page.exporter.export("plan", public=True) == out / "report.pdf"
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    assert page.exporter.export("evidence") is None
    assert sorted(p.name for p in out.iterdir()) == ["report.pdf"]


def test_the_recommendations_page_exports_the_chosen_recommendations_evidence_pack_in_either_version(
    qtbot: QtBot, store: Store, sample: Sample, secret: Action, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = RecommendationsPage(Operations(store, show_errors=False), today=lambda: TODAY)
    informed: list[str] = []
    page.exporter.inform = lambda _title, text: informed.append(text)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    qtbot.waitExposed(page)
    page.show_plan(sample.plan_id, "Plan")
    assert page.select_ref("10")  # addressed by plan entry 1.1, which the exempt action serves
    assert "plan" not in page.exporter.actions  # the plan report lives on the plan page
    target = tmp_path / "full.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    click_export(qtbot, page, "evidence")
    full = text_of(tmp_path / "full.pdf")
    assert "CONFIDENTIAL" in full and secret.ref in full and "Improve recording" in full
    assert "Reduce caseloads" not in full  # only the chosen recommendation
    choice = page.exporter.version
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)
    assert choice.currentText() == PUBLIC_VERSION
    target = tmp_path / "public.pdf"
    click_export(qtbot, page, "evidence")
    public = text_of(tmp_path / "public.pdf")
    assert secret.ref not in public and "CONFIDENTIAL" not in public and "Improve recording" in public
    assert "public version" in informed[-1]
