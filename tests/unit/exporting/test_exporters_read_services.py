"""Issue 13 point 3: every exporter reads the services' read models and writes no query of its own, so a document
shows what the screens show. The whole exporting package is scanned, so a new document is covered unlisted."""

from __future__ import annotations

import re
from pathlib import Path

import boardapp

PACKAGE = Path(boardapp.__file__).parent
READ_ONLY_FROM_SERVICES = sorted((PACKAGE / "exporting").rglob("*.py"))  # every document, new ones too
QUERY = re.compile(
    r"\bselect\(|\bsession\.(exec|execute|get|scalars?|query)\("
    r"|^\s*(from|import) (sqlalchemy|sqlmodel)(?! import Session$)",  # a Session passed on to the services is fine
    re.M,
)


def test_these_exporters_query_nothing_themselves() -> None:
    assert len(READ_ONLY_FROM_SERVICES) > 10
    found = {
        f"{path.relative_to(PACKAGE)}:{text[: m.start()].count(chr(10)) + 1}: {m.group(0).strip()}"
        for path in READ_ONLY_FROM_SERVICES
        for text in [path.read_text(encoding="utf-8")]
        for m in QUERY.finditer(text)
    }
    assert not found, "query these through a service read model instead:\n" + "\n".join(sorted(found))


def test_the_check_finds_a_query() -> None:
    planted = "from sqlmodel import Session, select\nrows = session.exec(select(Meeting)).all()\n"
    assert len(list(QUERY.finditer(planted))) == 3
    assert not list(QUERY.finditer("from sqlmodel import Session\ndef f(session: Session) -> None: ...\n"))
