"""board, person, member and members: the board's settings and who sits on it."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds this module's subcommands (filled in by issue 10)."""
