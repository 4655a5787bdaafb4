"""What the right-hand side shows when no meeting, plan or log is chosen: where to start.

`WelcomePage` carries a heading and a line of guidance (a board's or a folder's summary).
`GetStartedPage` is what an empty database opens on: three big buttons for the first steps
(add a board, import its members, open the demonstration), and once a board exists, the next
steps for it (members, then meetings). The page only emits signals; the main window acts on them.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from boardapp.gui import style

CONTENT_WIDTH = 620  # a readable column, centred on wide screens
BUTTON_STYLE = (
    "QCommandLinkButton { background: white; border: 1px solid #C9D2DC; border-radius: 6px; padding: 10px 14px; }"
    f"QCommandLinkButton:hover, QCommandLinkButton:focus {{ border: 2px solid {style.ACCENT}; }}"
    "QCommandLinkButton:pressed { background: #E8EEF5; }"
)


class WelcomePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("welcomeText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(self.label)
        self.show_message("Welcome to BoardApp", "Choose a meeting, a plan or an action log on the left.")

    def show_message(self, title: str, text: str) -> None:
        """A heading and a line of guidance; both are escaped, as they may carry board names."""
        self.label.setText(
            f"<p style='font-size:16pt; font-weight:600; color:{style.ACCENT};'>{escape(title)}</p>"
            f"<p style='color:{style.MUTED_TEXT};'>{escape(text).replace(chr(10), '<br>')}</p>"
        )


class GetStartedPage(QScrollArea):
    """The first steps: on an empty database, and for a board that has no members or meetings yet."""

    add_board_requested = Signal()
    import_members_requested = Signal(object)  # the board's id, or None: a board is named first
    open_demo_requested = Signal()
    members_requested = Signal(int)  # board id
    schedule_requested = Signal(int)  # board id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("getStartedPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.board_id: int | None = None
        body = QWidget(self)
        body.setObjectName("getStartedBody")
        column = QWidget(body)
        column.setMaximumWidth(CONTENT_WIDTH)
        column.installEventFilter(self)  # its width decides the buttons' one height (even_heights)
        self._column = column
        self.heading = QLabel(column)
        self.heading.setObjectName("getStartedHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {style.ACCENT};")
        self.intro = QLabel(column)
        self.intro.setObjectName("getStartedIntro")
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(f"font-size: 11pt; color: {style.MUTED_TEXT};")
        self.first_button = self._button(column, "getStartedFirst", self._first_clicked)
        self.second_button = self._button(column, "getStartedSecond", self._second_clicked)
        self.third_button = self._button(column, "getStartedThird", self._third_clicked)
        self.footnote = QLabel(column)
        self.footnote.setObjectName("getStartedFootnote")
        self.footnote.setWordWrap(True)
        self.footnote.setStyleSheet(f"color: {style.MUTED_TEXT};")

        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        inner.addWidget(self.heading)
        inner.addWidget(self.intro)
        inner.addSpacing(18)
        for button in self.buttons():
            inner.addWidget(button)
        inner.addSpacing(14)
        inner.addWidget(self.footnote)
        row = QHBoxLayout()  # the column takes up to CONTENT_WIDTH, centred; the margins share the rest
        row.addStretch(1)
        row.addWidget(column, 6)
        row.addStretch(1)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setWidget(body)
        self.show_empty()

    def _button(self, parent: QWidget, name: str, slot: object) -> QCommandLinkButton:
        button = QCommandLinkButton(parent)
        button.setObjectName(name)
        button.setStyleSheet(BUTTON_STYLE)
        font = button.font()
        font.setPointSizeF(font.pointSizeF() + 2)  # the title reads as the thing to click
        button.setFont(font)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setAutoDefault(True)  # Enter clicks the focused step, as Space does (outside a dialog it would not)
        button.clicked.connect(slot)
        return button

    def buttons(self) -> tuple[QCommandLinkButton, QCommandLinkButton, QCommandLinkButton]:
        return self.first_button, self.second_button, self.third_button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._column and event.type() == QEvent.Type.Resize:
            self.even_heights()
        return super().eventFilter(watched, event)

    def even_heights(self) -> None:
        """One height for the three steps: the tallest description's at the column's width (never clipped), so a
        one-line step is not a box of another size beside two-line ones, whatever the window's width."""
        width = self._column.width()
        height = max(button.heightForWidth(width) for button in self.buttons())
        for button in self.buttons():
            button.setFixedHeight(height)

    def show_empty(self) -> None:
        """An empty database: a first board, its members, or the demonstration."""
        self.board_id = None
        self.heading.setText("Start your secretariat")
        self.intro.setText(
            "This database is empty. Add the board you clerk, bring in its members, and schedule its "
            "meetings — or look around the demonstration first."
        )
        self._set(self.first_button, "Add a board",
                  "Its name, usual venue and start time, quorum and standing items.")  # fmt: skip
        self._set(self.second_button, "Import a membership list",
                  "From an Excel or CSV file (name, organisation, role, email, from, to). Members belong to "
                  "a board, so you name the board first.")  # fmt: skip
        self._set(self.third_button, "Open the demonstration",
                  "A sample board with minuted meetings, actions and plans. It has its own file: nothing of "
                  "it goes into your database.")  # fmt: skip
        self.footnote.setText("All of this is also in the Board and File menus.")
        self.even_heights()

    def show_next_steps(self, board_id: int, board_name: str, member_count: int, meeting_count: int) -> None:
        """A board with no members or no meetings yet: what to do next for it."""
        self.board_id = board_id
        self.heading.setText(board_name)
        self.intro.setText(
            f"The board is set up. Next: its members, then its meetings. So far it has "
            f"{_count(member_count, 'member')} and {_count(meeting_count, 'meeting')}."
        )
        self._set(self.first_button, "Add members" + (" ✓" if member_count else ""),
                  "People with their role on the board (chair, member, co-opted, officer…) and from/to "
                  "dates.")  # fmt: skip
        self._set(self.second_button, "Import a membership list",
                  "From an Excel or CSV file: name, organisation, role, email, from, to.")  # fmt: skip
        self._set(self.third_button, "Schedule meetings" + (" ✓" if meeting_count else ""),
                  "One meeting or a series, such as the first Tuesday of each month, with the board's "
                  "usual venue and time.")  # fmt: skip
        self.footnote.setText("Board settings, members and the calendar are also in the Board menu.")
        self.even_heights()

    @staticmethod
    def _set(button: QCommandLinkButton, text: str, description: str) -> None:
        button.setText(text)
        button.setDescription(description)
        button.setAccessibleName(text)
        button.setAccessibleDescription(description)

    def _first_clicked(self) -> None:
        if self.board_id is None:
            self.add_board_requested.emit()
        else:
            self.members_requested.emit(self.board_id)

    def _second_clicked(self) -> None:
        self.import_members_requested.emit(self.board_id)

    def _third_clicked(self) -> None:
        if self.board_id is None:
            self.open_demo_requested.emit()
        else:
            self.schedule_requested.emit(self.board_id)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
