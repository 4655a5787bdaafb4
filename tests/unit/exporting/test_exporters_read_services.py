"""Issue 13 point 3: the agenda, minutes, decision-notice, Part II and reports-pack exporters read the services' read
models and write no query of their own, so a document shows what the screens show."""

from __future__ import annotations

import re
from pathlib import Path

import boardapp

PACKAGE = Path(boardapp.__file__).parent
READ_ONLY_FROM_SERVICES = [
    *sorted((PACKAGE / "exporting" / "meetings").glob("*.py")),
    *sorted((PACKAGE / "exporting" / "exempt").glob("*.py")),
    *sorted((PACKAGE / "exporting" / "decision_notice").glob("*.py")),
    *sorted((PACKAGE / "exporting" / "plan_report").glob("*.py")),
    *sorted((PACKAGE / "exporting" / "evidence_pack").glob("*.py")),
    *sorted((PACKAGE / "exporting" / "calendar").glob("*.py")),
    *sorted((PACKAGE / "exporting" / "registers").glob("*.py")),
    *sorted((PACKAGE / "exporting" / "action_log").glob("*.py")),
    *sorted((PACKAGE / "exporting" / "pack").glob("*.py")),
    PACKAGE / "exporting" / "lookup.py",
]
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
