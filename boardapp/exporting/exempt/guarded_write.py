"""The one way a document that may be public is written: checked, rendered, read back, checked again, kept.

The plan report, evidence pack and action log each did these steps themselves; one place means a new
document cannot forget the second check on the file as written (docs/architecture.md section 6.1).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from boardapp.exporting.backends.output import ExportResult, write_atomically
from boardapp.exporting.backends.readback import read_back
from boardapp.exporting.backends.text import Warnings
from boardapp.exporting.exempt.guard import check_public_text
from boardapp.exporting.exempt.part2 import Part2Texts

D = TypeVar("D")


def write_checked(
    path: str | Path,
    document: D,
    render: Callable[[D, Path, Warnings], None],
    fmt: str,
    warnings: Warnings,
    exempt: Part2Texts | None,
    *,
    what: str,
) -> ExportResult:
    """Render `document` to `path` atomically. With `exempt` (a public version), refuse it before rendering
    and again on the file read back if it holds exempt text; nothing is written on a hit."""
    if exempt is not None:
        warnings.extend(check_public_text(document, exempt, where=f"the public {what}"))
    target = Path(path)

    def write(temporary: Path) -> None:
        render(document, temporary, warnings)
        if exempt is not None:
            check_public_text(read_back(temporary, fmt), exempt, where=f"the written {fmt} file")

    write_atomically(target, write)
    return ExportResult(path=target, warnings=warnings.as_tuple())
