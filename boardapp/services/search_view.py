"""What the main window's search box shows: the search, with the kinds the clerk chose "Show all" for
read in full, and a database failure turned into a plain refusal.

Here rather than in the GUI so that the GUI needs no database types (it may not import sqlalchemy):
the search box calls `operations.read(search_for_box, ...)` and catches `SearchFailed` like any other
refusal.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection
from dataclasses import replace

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from boardapp.services.errors import ServiceError
from boardapp.services.search import SearchGroup, SearchKind, SearchResults, search

logger = logging.getLogger("boardapp")

SHOW_ALL_LIMIT = 500
""""Show all" lists at most this many of a kind (the summary still gives the full count)."""


class SearchFailed(ServiceError):
    """The database could not run the search (locked a moment, or gone): try again, nothing is lost."""


def search_for_box(
    session: Session,
    query: str,
    *,
    expanded: Collection[SearchKind] = (),
    board_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    show_all_limit: int = SHOW_ALL_LIMIT,
) -> SearchResults:
    """`search` as the box shows it: each kind in `expanded` lists up to `show_all_limit` matches."""
    try:
        results = search(session, query, board_id=board_id, date_from=date_from, date_to=date_to)
        for group in results.groups:
            if group.kind in expanded and group.total > len(group.hits):
                more = search(
                    session, query, board_id=board_id, date_from=date_from, date_to=date_to,
                    kinds=[group.kind], limit_per_kind=show_all_limit,
                )  # fmt: skip
                results = _with_group(results, more.group(group.kind))
    except SQLAlchemyError as exc:
        logger.warning("search for %r failed: %s", query, exc)
        raise SearchFailed(f"The search could not run: {exc.__class__.__name__}. Try again in a moment.") from exc
    return results


def _with_group(results: SearchResults, group: SearchGroup | None) -> SearchResults:
    if group is None:
        return results
    groups = tuple(group if g.kind is group.kind else g for g in results.groups)
    return replace(results, groups=groups)


__all__ = ["SHOW_ALL_LIMIT", "SearchFailed", "search_for_box"]
