"""Small widgets of the plan page: the tree with its in-place editor, the form's long fields, the tables."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

from boardapp.gui.models.plan_rows_model import RowsTableModel
from boardapp.gui.models.plan_tree_model import (
    COLUMN_INDEX,
    DUE_COLUMN,
    DUE_DATE_COLUMN,
    IMPACT_COLUMN,
    STATUS_COLUMN,
    TEXT_COLUMN,
    PlanTreeModel,
)

__all__ = ["COLUMN_WIDTHS", "Confirm", "FieldText", "MultiLineDelegate", "ask", "make_table", "make_tree", "scrollable"]

COLUMN_WIDTHS = {
    "ref": 50,
    "text": 0,
    "lead": 140,
    "due": 150,  # a date written out in full; a longer due text wraps (MultiLineDelegate.sizeHint)
    "due_date": 92,
    "progress": 66,
    "recs": 56,
    "board_actions": 90,
    "impact": 74,
}
"""0: the action text takes what is left."""

NEW_ENTRY_TEXT = "New entry"
DUE_TEXT_MARGIN = 5  # what the style leaves either side of a cell's text (a little more than Fusion's 4)
WRAP_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
Confirm = Callable[[str, str], bool]


class MultiLineDelegate(QStyledItemDelegate):
    """The action text is edited in a box of several lines: Enter stores it, Shift+Enter starts a new line.

    The due text as the plan wrote it ("Pilot November 2018 Roll Out June 2019") wraps onto as many lines as
    it needs, so it reads whole beside the date it was read as, instead of being cut off at the column's edge.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() == DUE_COLUMN:
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        tree = self.parent()
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if index.column() != DUE_COLUMN or not isinstance(tree, QTreeView) or not text:
            return hint
        width = tree.header().sectionSize(DUE_COLUMN) - 2 * DUE_TEXT_MARGIN
        wrapped = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 1), 100000), WRAP_FLAGS, str(text))
        return QSize(hint.width(), max(hint.height(), hint.height() + wrapped.height() - option.fontMetrics.height()))

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        if index.column() != TEXT_COLUMN:
            return super().createEditor(parent, option, index)
        editor = QPlainTextEdit(parent)
        editor.setObjectName("planTextEditor")
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, editor.fontMetrics().lineSpacing() * 4)
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            (
                isinstance(watched, QPlainTextEdit)
                and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
            )
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        ):
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)


class FieldText(QPlainTextEdit):
    """A long field of the edit form: stored when the focus leaves it."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def scrollable(widget: QWidget) -> QScrollArea:
    """A tab whose content may need more room than the window gives: it scrolls instead of growing the window."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def make_tree(model: PlanTreeModel, parent: QWidget) -> QTreeView:
    """The plan tree: edited in place, rows dragged to move them, refs in a straight column."""
    tree = QTreeView(parent)
    tree.setObjectName("planTree")
    tree.setModel(model)
    tree.setAlternatingRowColors(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setUniformRowHeights(False)  # a long due text takes two or three lines (MultiLineDelegate)
    tree.setAllColumnsShowFocus(True)
    tree.setIndentation(16)
    tree.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    tree.setItemDelegate(MultiLineDelegate(tree))
    tree.setDragEnabled(True)
    tree.setAcceptDrops(True)
    tree.setDropIndicatorShown(True)
    tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    tree.setDefaultDropAction(Qt.DropAction.MoveAction)
    tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    tree_header = tree.header()
    tree_header.setStretchLastSection(False)
    for key, column in COLUMN_INDEX.items():
        width = COLUMN_WIDTHS[key]
        if width:
            tree_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            tree_header.resizeSection(column, width)
        else:
            tree_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    tree_header.moveSection(IMPACT_COLUMN, STATUS_COLUMN + 1)  # impact reads beside progress
    tree_header.moveSection(DUE_DATE_COLUMN, DUE_COLUMN + 1)  # what the due text was read as, beside it
    tree.setTreePosition(TEXT_COLUMN)  # refs stay in a straight column; the text is indented
    tree_header.sectionResized.connect(lambda column, *_: _due_resized(tree, column))
    return tree


def _due_resized(tree: QTreeView, column: int) -> None:
    """A wider or narrower Due column: its long texts take fewer or more lines, so the rows are laid out again."""
    if column == DUE_COLUMN:
        tree.doItemsLayout()


def make_table(parent: QWidget, model: RowsTableModel, name: str, *, stretch: int, sortable: bool = True) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setSortingEnabled(sortable)
    if sortable:
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if model.columnCount():
        header.setSectionResizeMode(min(stretch, model.columnCount() - 1), QHeaderView.ResizeMode.Stretch)
    return table
