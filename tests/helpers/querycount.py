"""Count the SQL statements a block runs, to prove a service does not query once per row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event


@dataclass
class QueryCount:
    count: int = 0


@contextmanager
def count_queries(engine: Engine) -> Iterator[QueryCount]:
    counted = QueryCount()

    def before(*_args: Any) -> None:
        counted.count += 1

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", before)
