"""Running a service call from the GUI and telling every view what changed.

The one way the GUI writes: `operations.run(fn, ...)` opens a transaction on the store,
calls the service, commits, and emits `changed(Changes)` once. Views connect to `changed`
and refresh only what the `Changes` names (the idea of Anki's `CollectionOp`/`OpChanges`).
A view that writes passes `initiator=self` (Anki's `handler`); the broadcast Changes carry it, so
that view can leave alone what it has just written (its cursor, selection, undo history) while
every other view refreshes as before.
A `ServiceError` (the user's mistake, e.g. editing locked minutes) is shown as a message
and nothing is written; anything else propagates to the crash reporter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from boardapp.services.changes import Changes
from boardapp.services.errors import ServiceError
from boardapp.store.database import Store
from boardapp.store.errors import StoreError

T = TypeVar("T")


class Operations(QObject):
    """Owned by the main window; passed to every view that writes."""

    changed = Signal(object)  # Changes
    failed = Signal(str)  # the user-facing message of a refused operation

    def __init__(self, store: Store, parent: QObject | None = None, *, show_errors: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        self.show_errors = show_errors

    def run(
        self,
        service: Callable[..., Any],
        *args: Any,
        parent: QWidget | None = None,
        initiator: object | None = None,
        **kwargs: Any,
    ) -> Any:
        """Call `service(session, *args, **kwargs)` in a transaction.

        The service returns `Changes`, or `(value, Changes)`; `run` returns the value (or the
        Changes) and broadcasts the Changes, marked with `initiator` (the view that asked, if it
        says). On a ServiceError returns None after telling the user.
        """
        try:
            with self.store.transaction() as session:
                result = service(session, *args, **kwargs)
        except (ServiceError, StoreError) as refusal:  # StoreError: read-only, locked, disk full (a plain message)
            self.failed.emit(str(refusal))
            if self.show_errors:
                QMessageBox.warning(parent, "BoardApp", str(refusal))
            return None
        changes, value = _split(result)
        self.broadcast(changes, initiator=initiator)
        return value

    def broadcast(self, changes: Changes, *, initiator: object | None = None) -> None:
        """Tell every view what changed (nothing if nothing did); for writes made outside `run`, such as
        the notes autosave, too."""
        if changes:
            self.changed.emit(changes.made_by(initiator) if initiator is not None else changes)

    def backup_before(self, what: str, *, parent: QWidget | None = None) -> bool:
        """A verified backup before a bulk write such as an import; False (after telling the user) if none
        could be taken, and then the caller must not write."""
        try:
            self.store.backup(f"before {what}")
        except StoreError as refusal:
            self.failed.emit(str(refusal))
            if self.show_errors:
                QMessageBox.warning(parent, "BoardApp", f"{refusal} Nothing was imported.")
            return False
        return True

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a read service in a short session (no commit, no broadcast)."""
        with self.store.session() as session:
            return query(session, *args, **kwargs)


def _split(result: Any) -> tuple[Changes, Any]:
    if isinstance(result, Changes):
        return result, result
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], Changes):
        return result[1], result[0]
    return Changes(), result
