"""The item timer: time spent on each item against the time allowed, and when the meeting will end.

Kept in memory for the session (a meeting is minuted in one sitting); the clock is injectable so the
tests need not wait. `predicted_end` is a pure function of the agenda and the elapsed time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from boardapp.gui.workspace.agenda_model import AgendaRow


class ItemTimer(QObject):
    ticked = Signal()  # every second while running, and on every start, pause or switch

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.now = now
        self.item_id: int | None = None  # the item being timed (running or paused)
        self.running = False
        self._spent: dict[int, float] = {}
        self._since = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.ticked)

    def elapsed(self, item_id: int | None = None) -> float:
        """Seconds spent on the item (default: the one being timed)."""
        item_id = self.item_id if item_id is None else item_id
        if item_id is None:
            return 0.0
        spent = self._spent.get(item_id, 0.0)
        if self.running and item_id == self.item_id:
            spent += self.clock() - self._since
        return spent

    def start(self, item_id: int) -> None:
        if self.running and item_id == self.item_id:
            return
        self._bank()
        self.item_id, self.running, self._since = item_id, True, self.clock()
        self._tick.start()
        self.ticked.emit()

    def pause(self) -> None:
        if not self.running:
            return
        self._bank()
        self.running = False
        self._tick.stop()
        self.ticked.emit()

    def toggle(self, item_id: int) -> None:
        """Start timing `item_id`, or pause if it is the one running."""
        if self.running and self.item_id == item_id:
            self.pause()
        else:
            self.start(item_id)

    def follow(self, item_id: int) -> None:
        """The clerk moved to another item: a running timer moves with them."""
        if self.running and item_id != self.item_id:
            self.start(item_id)

    def reset(self) -> None:
        self._tick.stop()
        self._spent.clear()
        self.item_id, self.running = None, False
        self.ticked.emit()

    def _bank(self) -> None:
        if self.running and self.item_id is not None:
            self._spent[self.item_id] = self._spent.get(self.item_id, 0.0) + self.clock() - self._since


def clock_label(seconds: float) -> str:
    """ "7:05", "1:02:09"."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def predicted_end(rows: Sequence[AgendaRow], item_id: int, elapsed_s: float, now: dt.datetime) -> dt.datetime | None:
    """Now, plus what is left of the current item's time, plus the time allowed for every later item."""
    index = next((i for i, row in enumerate(rows) if row.id == item_id), None)
    if index is None:
        return None
    current = rows[index].minutes_allowed or 0
    left = max(0.0, current * 60 - elapsed_s)
    later = sum(row.minutes_allowed or 0 for row in rows[index + 1 :])
    return now + dt.timedelta(seconds=left + later * 60)
