"""Entry script of the PyInstaller build (build.spec): the same `main` as the `boardapp` command."""

import sys

from boardapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
