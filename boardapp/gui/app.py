"""Starting the desktop app: open the database (or explain why not), load the demo on first run, show the window.

`run_gui(home, smoke=True)` is the CI and packaging check: the same start-up with no dialogs,
exiting 0 once the main window has been shown and the event loop is idle, 1 on any failure.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import logging
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from boardapp import __version__
from boardapp.gui import style
from boardapp.gui.crash import CrashReporter, start_log, stop_log
from boardapp.gui.dialogs.store_error import Answer, Choice, ask_what_to_do
from boardapp.gui.main_window import MainWindow
from boardapp.home import AppHome
from boardapp.store.backups import Backup, list_backups, restore_backup
from boardapp.store.database import Store, open_store
from boardapp.store.errors import StoreError

logger = logging.getLogger("boardapp")

Asker = Callable[[StoreError, list[Backup]], Answer]


def run_gui(home: AppHome, smoke: bool = False) -> int:
    app = _application()
    handler = start_log(home.log_path)
    reporter = CrashReporter(home.log_path, smoke=smoke)
    reporter.install()
    try:
        store = open_store_interactively(home, smoke=smoke)
        if store is None:
            return 1
        if not load_demo_if_empty(store, smoke=smoke):
            store.close()
            return 1
        window = MainWindow(store, home)
        window.show()
        window.activateWindow()  # keyboard focus from the start (also where no window manager gives it)
        if smoke:
            QTimer.singleShot(0, lambda: _finish_smoke(app, window))
        app.exec()
        # The Quit that closing the last window posted may still be queued: handled after exec() it would end
        # every later event loop of this process at once (tests run the app more than once).
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        window.store.close()
        window.deleteLater()
        if smoke and reporter.failures:
            print(f"boardapp: {reporter.failures} unexpected error(s) during the smoke run", file=sys.stderr)
            return 1
        return 0
    finally:
        reporter.uninstall()
        stop_log(handler)


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else "boardapp"])
    app.setApplicationName("BoardApp")
    app.setOrganizationName("BoardApp")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)
    style.apply_base_font()
    return app


def _finish_smoke(app: QApplication, window: MainWindow) -> None:
    app.processEvents()
    # For benchmarks/run.py: the moment the window is shown and idle (start-up ends here, not at exit).
    print(f"boardapp: smoke: main window idle at {time.time():.6f}", file=sys.stderr, flush=True)
    window.close()
    app.quit()


def open_store_interactively(
    home: AppHome, *, smoke: bool = False, ask: Asker | None = None, parent: QWidget | None = None
) -> Store | None:
    """Open the home's database; on a StoreError let the user restore a backup, pick another file, or quit.

    Returns None when the user quits (or, in smoke mode, at the first error, printed to stderr).
    The problem file is never written to: a restore moves it aside first.
    """
    current = home
    while True:
        try:
            return open_store(current)
        except StoreError as exc:
            logger.warning("cannot open %s: %s", exc.path, exc)
            if smoke:
                print(f"boardapp: {exc}", file=sys.stderr)
                return None
            backups = list_backups(exc.path, current.backups_dir) if current.backups_dir.is_dir() else []
            answer = (ask or (lambda error, found: ask_what_to_do(error, found, parent)))(exc, backups)
            if answer.choice is Choice.RESTORE and answer.backup is not None:
                try:
                    set_aside = restore_backup(answer.backup.path, exc.path)
                except OSError as error:
                    QMessageBox.critical(parent, "Restore failed", f"The backup could not be restored: {error}")
                    continue
                logger.info("restored %s from %s; previous file kept as %s", exc.path, answer.backup.path, set_aside)
            elif answer.choice is Choice.OPEN_OTHER and answer.path is not None:
                current = dataclasses.replace(current, db_override=answer.path.expanduser().resolve())
            else:
                return None


def load_demo_if_empty(store: Store, *, smoke: bool = False) -> bool:
    """Load the demonstration board into a new, empty database; False if that failed in smoke mode.

    Interactively a failure only warns: the app still opens, with the empty database.
    """
    if store.read_only or importlib.util.find_spec("boardapp.services.demo") is None:
        return True
    from boardapp.services.demo import database_is_empty, load_demo

    with store.session() as session:
        if not database_is_empty(session):
            return True
    try:
        with store.transaction() as session:
            summary = load_demo(session)
    except Exception as exc:
        logger.exception("loading the demo data failed")
        if smoke:
            print(f"boardapp: loading the demo data failed: {exc}", file=sys.stderr)
            return False
        QMessageBox.warning(
            None,
            "Demo data not loaded",
            f"The demonstration data could not be loaded ({exc}). BoardApp opens with an empty database.",
        )
        return True
    logger.info("demo data loaded: %s", summary)
    return True
