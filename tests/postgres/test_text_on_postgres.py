"""Text PostgreSQL cannot hold as given (issue 16): a NUL character is dropped, the rest is saved.

SQLite keeps a NUL inside text; PostgreSQL refuses the whole statement, which would leave the autosave
retrying a save that can never succeed. The store drops NUL on the way to the server (store/postgres.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from boardapp.home import AppHome
from boardapp.services import boards, minuting
from boardapp.store.database import Store, open_store
from tests.helpers.builders import build_sample
from tests.helpers.postgres import PgTemplates

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(pg_templates: PgTemplates, tmp_path: Path) -> Iterator[Store]:
    url = pg_templates.copy("empty")
    store = open_store(AppHome.from_options(basedir=tmp_path / "home", db=url))
    try:
        yield store
    finally:
        store.close()
        pg_templates.drop(url)


def test_a_nul_character_in_notes_is_dropped_and_the_text_saved(pg_store: Store) -> None:
    with pg_store.transaction() as session:
        sample = build_sample(session)
        board_id, _ = boards.create_board(session, "Schools\x00 Forum")
    item_id = sample.items[3]
    with pg_store.transaction() as session:
        minuting.save_notes(session, item_id, "Pasted from a PDF:\x00 the budget was agreed.")
    with pg_store.session() as session:
        assert minuting.notes_of(session, item_id) == "Pasted from a PDF: the budget was agreed."
        assert boards.board_settings(session, board_id).name == "Schools Forum"
