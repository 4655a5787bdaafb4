"""Writing an export file: the one atomic write every exporter uses, and what an export returns.

A file is written atomically: rendered to a temporary file beside the target, checked, then moved
over it with os.replace. Whatever goes wrong (a rendering error, the exempt-text guard, a full
disk), the target is left as it was and no partial file remains. The store's output guard runs
first, so no export can be written over the database, its WAL, a backup or a device.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from boardapp.exporting.errors import OutputNotWritable
from boardapp.store.output_guard import check_output_path


@dataclass(frozen=True)
class ExportResult:
    path: Path
    warnings: tuple[str, ...]
    confidential: bool = False  # a full version that holds Part II business (headed CONFIDENTIAL)


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call write(temporary) on a new file beside `path`, then move it over `path`; on any failure
    remove the temporary file and leave `path` untouched."""
    path = Path(path)
    check_output_path(path, error=OutputNotWritable)  # never over the database, its WAL, a backup, a device
    if path.is_dir():
        raise OutputNotWritable(f"Cannot write {path}: it is a folder. Give a file name.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputNotWritable(f"Cannot write {path}: the folder {folder} does not exist.")
    temporary = folder / f".{path.stem[:40]}.{secrets.token_hex(6)}.part"
    try:  # os.open, not mkstemp: the file gets the usual permissions (umask), not 0600
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise OutputNotWritable(f"Cannot write to the folder {folder}: {exc.strerror or exc}.") from exc
    try:
        write(temporary)
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        try:
            os.replace(temporary, path)
        except OSError as exc:
            raise OutputNotWritable(
                f"Cannot replace {path}: {exc.strerror or exc}. If the file is open in another program "
                f"(Word, a PDF viewer), close it and export again."
            ) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


__all__ = ["ExportResult", "write_atomically"]
