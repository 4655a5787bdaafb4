"""Allow `python -m boardapp`."""

from boardapp.cli import main

raise SystemExit(main())
