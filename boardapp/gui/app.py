"""Starting the desktop app: open the database (or explain why not), show the window.

The first run on a new home asks whether to start a new secretariat (an empty database) or to open
the demonstration, which lives in its own file (`AppHome.demo_db_path`), never in the user's database.

`run_gui(home, smoke=True)` is the CI and packaging check: the same start-up with no dialogs,
exiting 0 once the main window has been shown and the event loop is idle, 1 on any failure.

Start-up is kept short (issue 13: within 0.7 s on the reference database): the first-open-of-the-day
backup is taken once the window is shown (`_when_shown`), not while the clerk waits for it, and the
file's digest may already have been computed while the libraries loaded (cli.py, store/early_digest.py).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from boardapp import __version__
from boardapp.gui import style
from boardapp.gui.crash import CrashReporter, start_log, stop_log
from boardapp.gui.dialogs.file_in_use import open_when_free
from boardapp.gui.dialogs.store_error import Answer, Choice, ask_what_to_do, offers_restore
from boardapp.gui.first_run import Chooser, ask_start_choice, asks_on_start, load_demo_if_empty, start_home
from boardapp.gui.main_window import MainWindow
from boardapp.gui.recovery import offer_recovered_notes
from boardapp.home import AppHome
from boardapp.services.review_file import is_review_copy_file, is_sealed_file
from boardapp.store.backups import Backup, list_backups, restore_backup
from boardapp.store.database import Store, open_store
from boardapp.store.early_digest import EarlyDigest
from boardapp.store.errors import StoreError

logger = logging.getLogger("boardapp")

Asker = Callable[[StoreError, list[Backup]], Answer]


def run_gui(
    home: AppHome, smoke: bool = False, *, choose: Chooser | None = None, early_digest: EarlyDigest | None = None
) -> int:
    app = _application()
    handler = start_log(home.log_path)
    reporter = CrashReporter(home.log_path, smoke=smoke)
    reporter.install()
    try:
        review = review_copy_path(home)
        if review is not None:  # the chair's copy opens in the chair's window, whatever its name (issue 16)
            return _run_review_copy(app, review, smoke=smoke)
        store = open_start_store(home, smoke=smoke, choose=choose, early_digest=early_digest, daily_backup=False)
        if not isinstance(store, Store):
            return 0 if store is QUIT else 1
        window = MainWindow(store, home)
        window.show()
        window.activateWindow()  # keyboard focus from the start (also where no window manager gives it)
        if smoke:
            QTimer.singleShot(0, lambda: _finish_smoke(app, window))
        else:
            QTimer.singleShot(0, lambda: _when_shown(app, window))
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


def review_copy_path(home: AppHome) -> Path | None:
    """The file named by --db when it is a chair's review copy (recognised by content, stdlib only: light)."""
    if home.db_override is None or home.server_url is not None:
        return None
    return home.db_override if is_review_copy_file(home.db_override) else None


def _run_review_copy(app: QApplication, path: Path, *, smoke: bool) -> int:
    """Show the chair's window on `path` (asking its passphrase when sealed) until it is closed."""
    from boardapp.gui.review_copy_window import open_review_copy_window  # loads cryptography: only for a copy

    if smoke and is_sealed_file(path):
        print(f"boardapp: {path.name} is a sealed review copy: it needs its passphrase", file=sys.stderr)
        return 1
    window = open_review_copy_window(None, path)
    if window is None:
        return 1
    window.activateWindow()
    if smoke:
        print(f"boardapp: smoke: review copy window shown for {path.name}", file=sys.stderr, flush=True)
        QTimer.singleShot(0, window.close)
    app.exec()
    QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)  # as in run_gui
    return 0


QUIT = object()  # the first-run chooser was closed: quit, having created nothing


def open_start_store(
    home: AppHome,
    *,
    smoke: bool = False,
    choose: Chooser | None = None,
    early_digest: EarlyDigest | None = None,
    daily_backup: bool = True,
) -> Store | object | None:
    """The store the window opens on: the user's database, or on a first run perhaps the demonstration.

    Returns QUIT when the first-run chooser was closed, None when no database could be opened.
    `daily_backup=False` leaves the first-open-of-the-day backup to the caller (`Store.take_daily_backup`).
    """
    start = home
    if asks_on_start(home, smoke=smoke):
        choice = (choose or ask_start_choice)()
        if choice is None:
            return QUIT
        start = start_home(home, choice)
    store = open_store_interactively(start, smoke=smoke, early_digest=early_digest, daily_backup=daily_backup)
    if store is not None and start is not home and not load_demo_if_empty(store, smoke=smoke):
        store.close()
        return None
    return store


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else "boardapp"])
    app.setApplicationName("BoardApp")
    app.setOrganizationName("BoardApp")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)
    # Qt's own date widgets ("d MMMM yyyy") would follow the desktop's language; BoardApp writes English
    # month names everywhere else (boardapp/core/dates.py), so Qt does too.
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    style.apply_base_font()
    return app


def _when_shown(app: QApplication, window: MainWindow) -> None:
    """What waits until the window is on screen: the daily backup (issue 11), then notes a previous session
    could not save, offered back (gui/recovery.py)."""
    app.processEvents()  # let the window paint before the copy holds the event loop for a moment
    window.store.take_daily_backup()
    offer_recovered_notes(window, window.operations)


def _finish_smoke(app: QApplication, window: MainWindow) -> None:
    app.processEvents()
    # For benchmarks/run.py: the moment the window is shown and idle (start-up ends here, not at exit).
    print(f"boardapp: smoke: main window idle at {time.time():.6f}", file=sys.stderr, flush=True)
    window.store.take_daily_backup()  # as a real start does once the window is shown (_when_shown)
    window.close()
    app.quit()


def open_store_interactively(
    home: AppHome,
    *,
    smoke: bool = False,
    ask: Asker | None = None,
    parent: QWidget | None = None,
    early_digest: EarlyDigest | None = None,
    daily_backup: bool = True,
) -> Store | None:
    """Open the home's database; on a StoreError let the user restore a backup (a damaged file only),
    try again (locked, disk full), pick another file, or quit.

    Returns None when the user quits (or, in smoke mode, at the first error, printed to stderr).
    The problem file is never written to: a restore moves it aside first. A read-only file opens
    read-only (the window title says so) rather than failing.
    """
    current = home
    while True:
        try:  # issue 16: holding the file's presence lock; if another copy has it: read-only, wait or cancel
            opener = functools.partial(open_store, current, early_digest=early_digest, daily_backup=daily_backup)
            return open_when_free(opener, parent, smoke=smoke)
        except StoreError as exc:
            logger.warning("cannot open %s: %s", exc.path, exc)
            if smoke:
                print(f"boardapp: {exc}", file=sys.stderr)
                return None
            backups = _verified_backups(exc, current) if offers_restore(exc) else []
            answer = (ask or (lambda error, found: ask_what_to_do(error, found, parent)))(exc, backups)
            if answer.choice is Choice.RESTORE and answer.backup is not None and offers_restore(exc):
                try:
                    set_aside = restore_backup(answer.backup.path, exc.path)
                except (OSError, StoreError) as error:
                    QMessageBox.critical(parent, "Restore failed", f"The backup could not be restored: {error}")
                    continue
                logger.info("restored %s from %s; previous file kept as %s", exc.path, answer.backup.path, set_aside)
            elif answer.choice is Choice.RETRY:
                continue
            elif answer.choice is Choice.OPEN_OTHER and answer.path is not None:
                current = dataclasses.replace(current, db_override=answer.path.expanduser().resolve())
            else:
                return None


def _verified_backups(error: StoreError, home: AppHome) -> list[Backup]:
    """Only backups that pass verification are ever offered (list_backups checks each one)."""
    try:
        return list_backups(error.path, home.backups_dir)
    except OSError:
        return []
