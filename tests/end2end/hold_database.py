"""Test helper for test_two_copies.py, run as its own process: a copy of BoardApp that has a file open.

`python hold_database.py HOME` opens HOME's database as the desktop app does (holding its presence lock),
prints "holding" once it has, and sleeps until it is killed. Not part of BoardApp.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from boardapp.home import AppHome
from boardapp.store.database import open_store


def main(basedir: str) -> None:
    store = open_store(AppHome.from_options(basedir=Path(basedir)), claim=True)
    assert store.presence is not None and store.presence.held
    print("holding", flush=True)
    while True:  # until killed: the test ends it with SIGKILL, as a crash would
        time.sleep(60)


if __name__ == "__main__":
    main(sys.argv[1])
