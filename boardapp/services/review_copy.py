"""The chair's offline review copy (issue 16 point 4): make it, propose in it, bring the proposals back.

Making the copy: SQLite's backup API copies the clerk's database (every committed transaction, WAL
included) to a temporary file — or, when the clerk's database is on a PostgreSQL server, its rows are
read in the session's transaction into a new BoardApp SQLite file, since the chair's copy is always a
file for a laptop; everything not of the chosen board is then deleted there (and exempt,
Part II, business unless the clerk ticked the box: exempt actions and decisions by their stamps, and the
minutes, decisions, papers and declarations of exempt agenda items; the item itself stays as a
placeholder so the agenda's numbering is unchanged). The search index is rebuilt from what is left,
VACUUM drops the freed pages (so no deleted text survives in the file), and the copy is written as a
plain BoardApp SQLite file, or encrypted when a passphrase is given.

Inside a copy, triggers refuse every write except a `ReviewProposal`: the chair can only propose.

Encryption: the `cryptography` package (maintained by the Python Cryptographic Authority, audited,
used by pip's own dependencies) — no home-made cryptography. The key comes from the passphrase by
scrypt (memory-hard, so guessing passphrases on a stolen laptop is slow), with a random salt per file;
the whole file is sealed with AES-256-GCM (authenticated: a wrong passphrase or a changed byte is
detected, never decrypted into garbage). Fernet was the alternative, but it is AES-128-CBC + HMAC and
base64-inflates the file by a third; AES-GCM gives the same guarantees with a smaller file. The header
(magic, scrypt parameters, salt, nonce) is authenticated as associated data.

Bringing it back: `read_review` compares each proposal with the clerk's database (old → proposed, the
chair's comment, and a conflict when the clerk changed the record since the copy was made — the record's
`updated_at` in the copy differs from the clerk's); `apply_review` records the accepted ones through the
ordinary services (an `ActionUpdate` / `PlanStatusChange` whose author is the chair) and a `ReviewImport`,
so the same review imported twice does nothing the second time. A copy made from another database (its
source uuid is not this database's) is refused.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import create_engine, event
from sqlalchemy import select as select_all
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel, select

from boardapp.core.dates import long_date
from boardapp.core.enums import ActionStatus, MeetingStatus, ScaleKind
from boardapp.core.models import (
    Action,
    ActionUpdate,
    Board,
    DatabaseIdentity,
    Meeting,
    Plan,
    PlanItem,
    ReviewCopyInfo,
    ReviewImport,
    ReviewProposal,
    StatusLevel,
    utcnow,
)
from boardapp.services import followup, plan_status
from boardapp.services.actions import ACTION_STATUS_LABELS
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.store.database import make_engine, open_database
from boardapp.store.errors import classify
from boardapp.store.fileformat import SQLITE_MAGIC
from boardapp.store.fts import rebuild_search_index
from boardapp.store.output_guard import check_output_path

__all__ = [
    "READ_ONLY_MESSAGE",
    "ApplyResult",
    "ProposalKind",
    "ProposalLine",
    "ProposalRow",
    "ReviewContents",
    "ReviewDiff",
    "ReviewField",
    "ReviewRecord",
    "apply_review",
    "database_uuid",
    "is_review_copy",
    "make_review_copy",
    "open_review_copy",
    "propose",
    "read_review",
    "report_meetings",
    "review_contents",
    "review_info",
    "seal_review_copy",
    "withdraw_proposal",
]

SUFFIX = ".boardreview"
ENCRYPTED_MAGIC = b"BOARDAPP-REVIEW-AESGCM-1\n"
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1  # ~32 MiB and ~0.1 s per try: slow for a guesser, quick for the chair
_SALT_BYTES, _NONCE_BYTES = 16, 12
WRITABLE_IN_COPY = frozenset({"reviewproposal"})
READ_ONLY_MESSAGE = "This is a review copy: only proposals and comments can be made in it."


class ProposalKind(StrEnum):
    ACTION = "action"
    PLAN_ITEM = "plan_item"


class ReviewField(StrEnum):
    STATUS = "status"
    PROGRESS_NOTE = "progress_note"
    COMMENT = "comment"


FIELD_LABELS = {
    ReviewField.STATUS: "Status",
    ReviewField.PROGRESS_NOTE: "Progress note",
    ReviewField.COMMENT: "Comment",
}


# -- identity ---------------------------------------------------------------------------------------


def database_uuid(session: Session) -> str:
    """This database's uuid, made (and flushed) the first time it is needed."""
    row = session.exec(select(DatabaseIdentity).order_by(DatabaseIdentity.id)).first()  # type: ignore[arg-type]
    if row is None:
        row = DatabaseIdentity(uuid=str(uuid.uuid4()))
        session.add(row)
        session.flush()
    return row.uuid


def _existing_uuid(session: Session) -> str | None:
    """This database's uuid without making one: a database that never made a copy has none."""
    row = session.exec(select(DatabaseIdentity).order_by(DatabaseIdentity.id)).first()  # type: ignore[arg-type]
    return row.uuid if row else None


def review_info(session: Session) -> ReviewCopyInfo | None:
    return session.exec(select(ReviewCopyInfo)).first()


def is_review_copy(session: Session) -> bool:
    return review_info(session) is not None


# -- making the copy --------------------------------------------------------------------------------


def _database_file(session: Session) -> Path | None:
    """The clerk's SQLite file, or None when the database is on a PostgreSQL server."""
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite":
        return None
    name = url.database
    if not name or name == ":memory:":
        raise InvalidChange("A review copy can only be made from a database file.")
    return Path(name)


def make_review_copy(
    session: Session,
    board_id: int,
    target: Path,
    *,
    include_part2: bool,
    passphrase: str | None,
    made_by: str = "",
    now: dt.datetime | None = None,
) -> tuple[ReviewCopyInfo, Changes]:
    """Write the board's review copy to `target` (plain SQLite, or sealed when `passphrase` is given).

    The session gets this database's uuid if it had none (the caller commits it, as for any service);
    the copy is read from the committed file, so commit other edits first.
    """
    if is_review_copy(session):
        raise InvalidChange("This is a review copy: review copies are made from the clerk's database.")
    board = session.get(Board, board_id)
    if board is None:
        raise NotFound("That board no longer exists.")
    if passphrase is not None and len(passphrase) < 8:
        raise InvalidChange("Choose a passphrase of at least 8 characters (a short sentence is best).")
    target = Path(target)
    source = _database_file(session)
    check_output_path(target, protected=[] if source is None else [source], error=InvalidChange)
    source_uuid = database_uuid(session)
    info = ReviewCopyInfo(
        review_uuid=str(uuid.uuid4()),
        source_uuid=source_uuid,
        board_id=board_id,
        board_name=board.name,
        made_at=now or utcnow(),
        made_by=made_by.strip(),
        includes_part2=include_part2,
    )
    with tempfile.TemporaryDirectory(prefix="boardreview-") as folder:
        plain = Path(folder) / "copy.sqlite"
        if source is None:
            _copy_from_server(session, plain, Path(folder) / "backups")
        else:
            _backup(source, plain)
        _prune(plain, board_id, include_part2=include_part2, info=info)
        if passphrase is None:
            _write_atomically(target, plain.read_bytes())
        else:
            seal_review_copy(plain, target, passphrase)
    return info, Changes()


def _backup(source: Path, plain: Path) -> None:
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(plain)
        try:
            reader.backup(copy)
        finally:
            copy.close()
    finally:
        reader.close()


def _copy_from_server(session: Session, plain: Path, scratch: Path) -> None:
    """A PostgreSQL database as a BoardApp SQLite file (the chair's copy stays a file for the laptop).

    A new file is created at this version's schema, then every model table's rows are read in the
    session's own transaction (a consistent snapshot) and written in dependency order, with foreign keys
    off while loading so a table's rows that point at each other (plan items' parents) go in any order.
    The models' column types convert each value (timestamps stay UTC). `_prune` then cuts it down as for a file.
    """
    open_database(plain, scratch).close()
    engine = make_engine(plain, foreign_keys=False)
    try:
        with engine.begin() as target:
            for table in SQLModel.metadata.sorted_tables:
                rows = [dict(row) for row in session.connection().execute(select_all(table)).mappings()]
                if rows:
                    target.execute(table.insert(), rows)
    except SQLAlchemyError as exc:
        known = classify(exc, plain, doing="write the review copy to")
        if known is None:
            raise
        raise known from exc
    finally:
        engine.dispose()


def _ids(rows: Iterable[Any]) -> str:
    return ",".join(str(int(r[0])) for r in rows) or "NULL"


def _prune(plain: Path, board_id: int, *, include_part2: bool, info: ReviewCopyInfo) -> None:
    """Delete everything not of the board (and Part II unless included); rebuild the index; lock the copy."""
    engine = create_engine(f"sqlite:///{plain}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys = ON")  # deleting a board cascades to all its business

    try:
        with engine.begin() as c:
            run = c.exec_driver_sql
            run("DELETE FROM reviewproposal")
            run("DELETE FROM reviewcopyinfo")
            run("DELETE FROM reviewimport")
            run("DELETE FROM databaseidentity")
            run("DELETE FROM board WHERE id <> ?", (board_id,))
            run("DELETE FROM plan WHERE board_id IS NULL OR board_id <> ?", (board_id,))
            run("DELETE FROM kpi WHERE plan_id IS NULL")
            run("DELETE FROM recommendation WHERE plan_id IS NULL")
            run("DELETE FROM reviewsource WHERE id NOT IN (SELECT source_id FROM recommendation)")
            if not include_part2:
                _drop_part2(run)
            _drop_other_people(run)
            _drop_other_boards_rows(c, board_id)
            rebuild_search_index(c)
            c.exec_driver_sql(
                "INSERT INTO databaseidentity (uuid, created_at) VALUES (?, ?)",
                (info.review_uuid, _stamp(info.made_at)),
            )
            c.exec_driver_sql(
                "INSERT INTO reviewcopyinfo (review_uuid, source_uuid, board_id, board_name, made_at, made_by, "
                "includes_part2) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    info.review_uuid,
                    info.source_uuid,
                    info.board_id,
                    info.board_name,
                    _stamp(info.made_at),
                    info.made_by,
                    info.includes_part2,
                ),
            )
            _lock_copy(c)
    finally:
        engine.dispose()
    finishing = sqlite3.connect(plain, isolation_level=None)
    try:
        finishing.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finishing.execute("VACUUM")  # no page of deleted text survives in the file
    finally:
        finishing.close()


def _stamp(moment: dt.datetime) -> str:
    """As SQLModel stores an aware UTC datetime in SQLite."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


def _drop_part2(run: Any) -> None:
    exempt_items = "SELECT id FROM agendaitem WHERE is_exempt"
    run("DELETE FROM action WHERE is_exempt")
    run("DELETE FROM decision WHERE is_exempt")
    for table in ("minute", "decision", "paper", "agendaitempresenter", "agendaplanreview", "declaration"):
        run(f"DELETE FROM {table} WHERE agenda_item_id IN ({exempt_items})")
    run(f"DELETE FROM action WHERE raised_item_id IN ({exempt_items})")
    # The item stays, emptied, so the agenda keeps its numbering; nothing of its business is left.
    run(
        "UPDATE agendaitem SET title = 'Exempt item (not in this review copy)', exempt_reason = '', "
        "urgency_reason = '', show_title_when_exempt = 0 WHERE is_exempt"
    )


def _person_references() -> list[tuple[str, str]]:
    """Every (table, column) with a foreign key to person.id, from the models: a table added later counts too."""
    return sorted(
        (table.name, column.name)
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if any(fk.column.table.name == "person" and fk.column.name == "id" for fk in column.foreign_keys)
    )


def _drop_other_people(run: Any) -> None:
    """Only people the board's records name stay: members, attendees, owners, leads, presenters, voters."""
    used = " UNION ".join(
        f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL' for table, column in _person_references()
    )
    run(f"DELETE FROM person WHERE id NOT IN ({used})")


def _drop_other_boards_rows(c: Any, board_id: int) -> None:
    """A safety net for tables added later: any row naming another board or a meeting no longer here goes."""
    tables = [r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table.startswith(("search_", "sqlite_")) or table in {"reviewcopyinfo", "reviewimport", "board"}:
            continue
        columns = {r[1] for r in c.exec_driver_sql(f'PRAGMA table_info("{table}")')}
        if "board_id" in columns:
            c.exec_driver_sql(f'DELETE FROM "{table}" WHERE board_id IS NOT NULL AND board_id <> ?', (board_id,))
        if "meeting_id" in columns and table != "meeting":
            c.exec_driver_sql(
                f'DELETE FROM "{table}" WHERE meeting_id IS NOT NULL AND meeting_id NOT IN (SELECT id FROM meeting)'
            )


def _lock_copy(c: Any) -> None:
    """Triggers that refuse every write in the copy except a proposal: nothing else is editable."""
    tables = [r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table.startswith(("search_", "sqlite_")) or table in WRITABLE_IN_COPY | {"alembic_version"}:
            continue
        for event_name in ("INSERT", "UPDATE", "DELETE"):
            c.exec_driver_sql(
                f'CREATE TRIGGER "review_copy_{event_name.lower()}_{table}" BEFORE {event_name} ON "{table}" '
                f"BEGIN SELECT RAISE(ABORT, '{READ_ONLY_MESSAGE}'); END"
            )


def _write_atomically(target: Path, data: bytes) -> None:
    partial = target.with_name(target.name + ".partial")
    try:
        with open(partial, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InvalidChange(f"The review copy could not be written to {target} ({exc.strerror or exc}).") from exc


# -- encryption -------------------------------------------------------------------------------------


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(passphrase.encode("utf-8"))


def seal_review_copy(plain: Path, target: Path, passphrase: str) -> None:
    """Encrypt the SQLite file `plain` into `target` (also how the chair's laptop saves a copy back)."""
    salt, nonce = secrets.token_bytes(_SALT_BYTES), secrets.token_bytes(_NONCE_BYTES)
    header = ENCRYPTED_MAGIC + salt + nonce
    sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, Path(plain).read_bytes(), header)
    _write_atomically(Path(target), header + sealed)


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC


def open_review_copy(path: Path, passphrase: str | None, *, folder: Path | None = None) -> Path:
    """The copy as a plain SQLite file: `path` itself, or a decrypted temporary file (the caller removes it)."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(len(ENCRYPTED_MAGIC))
    except OSError as exc:
        raise InvalidChange(f"{path.name} could not be read ({exc.strerror or exc}).") from exc
    if head.startswith(SQLITE_MAGIC):
        return path
    if head != ENCRYPTED_MAGIC:
        raise InvalidChange(f"{path.name} is not a BoardApp review copy.")
    if not passphrase:
        raise InvalidChange(f"{path.name} is protected by a passphrase: enter the passphrase it was made with.")
    data = path.read_bytes()
    start = len(ENCRYPTED_MAGIC)
    salt, nonce = data[start : start + _SALT_BYTES], data[start + _SALT_BYTES : start + _SALT_BYTES + _NONCE_BYTES]
    header_end = start + _SALT_BYTES + _NONCE_BYTES
    try:
        plain = AESGCM(_key(passphrase, salt)).decrypt(nonce, data[header_end:], data[:header_end])
    except InvalidTag:
        raise InvalidChange(
            f"The passphrase is not the one {path.name} was made with (or the file was changed since). "
            "Check it and try again; nothing was opened."
        ) from None
    handle, name = tempfile.mkstemp(prefix="boardreview-", suffix=".sqlite", dir=folder)
    with os.fdopen(handle, "wb") as out:
        out.write(plain)
    return Path(name)


# -- in the copy: proposing -------------------------------------------------------------------------


def propose(
    session: Session,
    kind: ProposalKind | str,
    record_id: int,
    field_name: ReviewField | str,
    proposed: str,
    comment: str = "",
    *,
    made_by: str = "",
) -> tuple[int, Changes]:
    """Record the chair's proposal in a review copy: a new status, a progress note, or a comment.

    Actions: status is an ActionStatus value ("completed"); plan items: status is a StatusLevel id of the
    plan's progress scale. Returns the proposal's id.
    """
    info = review_info(session)
    if info is None:
        raise InvalidChange("Proposals are made in a review copy, not in the clerk's database.")
    kind, field_name = ProposalKind(kind), ReviewField(field_name)
    proposed, comment = proposed.strip(), comment.strip()
    old = ""
    changes = Changes()
    if kind is ProposalKind.ACTION:
        action = session.get(Action, record_id)
        if action is None:
            raise NotFound("That action is not in this review copy.")
        changes = Changes(actions=frozenset({record_id}))
        if field_name is ReviewField.STATUS:
            try:
                status = ActionStatus(proposed)
            except ValueError:
                raise InvalidChange(f"{proposed!r} is not an action status.") from None
            if status is action.status:
                raise InvalidChange(f"{action.ref} is already {ACTION_STATUS_LABELS[status].lower()}.")
            old = action.status.value
    else:
        item = session.get(PlanItem, record_id)
        if item is None:
            raise NotFound("That plan item is not in this review copy.")
        changes = Changes(plans=frozenset({item.plan_id}))
        if field_name is ReviewField.STATUS:
            plan = session.get(Plan, item.plan_id)
            level = session.get(StatusLevel, int(proposed)) if proposed.isdigit() else None
            if plan is None or level is None or level.scale_id != plan.progress_scale_id:
                raise InvalidChange("That status is not on this plan's progress scale.")
            old = "" if item.progress_level_id is None else str(item.progress_level_id)
        elif field_name is ReviewField.PROGRESS_NOTE and item.progress_level_id is None:
            raise InvalidChange("This plan item has no status yet: propose a status with the note as its comment.")
    if field_name is not ReviewField.STATUS and not proposed:
        raise InvalidChange("Write the note or comment first.")
    row = ReviewProposal(
        kind=kind.value,
        record_id=record_id,
        field=field_name.value,
        old_value=old,
        proposed_value=proposed,
        comment=comment,
        made_by=made_by.strip() or info.made_by,
    )
    session.add(row)
    session.flush()
    return row.id or 0, changes


# -- back in the clerk's database -------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalRow:
    id: int
    kind: ProposalKind
    record_id: int
    record_label: str  # "IB-2017-08-05 Circulate the report" / "1.2.3 Recruit two social workers"
    field: ReviewField
    old_text: str  # as it stood when proposed, in words
    proposed_text: str
    current_text: str  # as it stands now in the clerk's database
    comment: str
    made_by: str
    conflict: str = ""  # why it may clash: "" when the clerk has not changed the record since the copy
    missing: bool = False  # the record is gone from the clerk's database: cannot be accepted


@dataclass(frozen=True)
class ReviewDiff:
    review_uuid: str
    source_uuid: str
    board_id: int
    board_name: str
    made_at: dt.datetime
    made_by: str
    includes_part2: bool
    proposals: tuple[ProposalRow, ...]
    already_imported: str = ""  # the message when this review was imported before
    _raw: dict[int, ReviewProposal] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class ApplyResult:
    accepted: tuple[int, ...]
    rejected: tuple[int, ...]
    message: str


def _level_words(session: Session, level_id: str) -> str:
    if not level_id:
        return "no status"
    level = session.get(StatusLevel, int(level_id))
    return level.label if level else f"status {level_id}"


def _status_words(value: str) -> str:
    try:
        return ACTION_STATUS_LABELS[ActionStatus(value)]
    except ValueError:
        return value


def read_review(session: Session, path: Path, passphrase: str | None = None) -> ReviewDiff:
    """Every proposal of the review copy at `path`, compared with this database (nothing is written).

    The copy is read from a private temporary file, so the chair's file (maybe on a read-only stick) is
    never touched, not even by SQLite's side files.
    """
    path = Path(path)
    if is_review_copy(session):
        raise InvalidChange("This is a review copy: a review is imported into the clerk's database.")
    with tempfile.TemporaryDirectory(prefix="boardreview-") as folder:
        plain = open_review_copy(path, passphrase, folder=Path(folder))
        if plain == path:
            plain = Path(folder) / "copy.sqlite"
            shutil.copyfile(path, plain)
            wal = path.with_name(path.name + "-wal")
            if wal.exists():  # proposals not yet checkpointed into the file itself
                shutil.copyfile(wal, plain.with_name(plain.name + "-wal"))
        engine = create_engine(f"sqlite:///{plain}")
        try:
            with Session(engine) as copy:
                return _diff(session, copy)
        except (sqlite3.DatabaseError, SQLAlchemyError) as exc:
            raise InvalidChange(f"{path.name} could not be read as a review copy ({exc}).") from exc
        finally:
            engine.dispose()


def _diff(session: Session, copy: Session) -> ReviewDiff:
    try:
        info = review_info(copy)
    except SQLAlchemyError as exc:  # another program's database, or one of an older version: no such table
        raise InvalidChange("That file is not a BoardApp review copy.") from exc
    if info is None:
        raise InvalidChange("That file is not a BoardApp review copy (it may be a whole database).")
    if info.source_uuid != _existing_uuid(session):
        raise InvalidChange(
            f"This review copy of {info.board_name or 'a board'} was made from another BoardApp database, not this "
            "one. Import it into the database it was made from; nothing was changed."
        )
    before = session.exec(select(ReviewImport).where(ReviewImport.review_uuid == info.review_uuid)).first()
    already = ""
    if before is not None:
        when = before.imported_at
        already = (
            f"This review was already imported on {long_date(when.date())}"
            f"{' by ' + before.imported_by if before.imported_by else ''}; importing it again changes nothing."
        )
    rows, raw = [], {}
    for p in copy.exec(select(ReviewProposal).order_by(ReviewProposal.id)).all():  # type: ignore[arg-type]
        raw[p.id or 0] = p
        rows.append(_row(session, copy, p))
    return ReviewDiff(
        review_uuid=info.review_uuid,
        source_uuid=info.source_uuid,
        board_id=info.board_id,
        board_name=info.board_name,
        made_at=info.made_at,
        made_by=info.made_by,
        includes_part2=info.includes_part2,
        proposals=tuple(rows),
        already_imported=already,
        _raw=raw,
    )


def _row(session: Session, copy: Session, p: ReviewProposal) -> ProposalRow:
    kind, fld = ProposalKind(p.kind), ReviewField(p.field)
    mine: Action | PlanItem | None
    theirs: Action | PlanItem | None
    if kind is ProposalKind.ACTION:
        mine, theirs = session.get(Action, p.record_id), copy.get(Action, p.record_id)
        shown = theirs or mine
        label = f"{shown.ref} {shown.text}" if isinstance(shown, Action) else f"action {p.record_id}"
    else:
        mine = session.get(PlanItem, p.record_id)
        theirs = copy.get(PlanItem, p.record_id)
        item = theirs or mine
        label = (
            f"{item.ref + ' ' if item.ref else ''}{item.text}"
            if isinstance(item, PlanItem)
            else f"plan item {p.record_id}"
        )
    if fld is ReviewField.STATUS:
        words = _status_words if kind is ProposalKind.ACTION else (lambda v: _level_words(session, v))
        old_text, proposed_text = words(p.old_value), words(p.proposed_value)
        if mine is None:
            current = ""
        elif isinstance(mine, Action):
            current = _status_words(mine.status.value)
        else:
            current = _level_words(session, "" if mine.progress_level_id is None else str(mine.progress_level_id))
    else:
        old_text, proposed_text, current = "", p.proposed_value, ""
    conflict = ""
    if mine is None:
        conflict = "It has been deleted from this database since the copy was made."
    elif theirs is not None and _stamp_of(mine.updated_at) != _stamp_of(theirs.updated_at):
        conflict = "Changed in this database since the copy was made."
        if fld is ReviewField.STATUS and current != old_text:
            conflict = f"Changed here since the copy was made: now {current}, was {old_text}."
    return ProposalRow(
        id=p.id or 0,
        kind=kind,
        record_id=p.record_id,
        record_label=label,
        field=fld,
        old_text=old_text,
        proposed_text=proposed_text,
        current_text=current,
        comment=p.comment,
        made_by=p.made_by,
        conflict=conflict,
        missing=mine is None,
    )


def _stamp_of(moment: dt.datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat()


def apply_review(
    session: Session,
    diff: ReviewDiff,
    accepted_ids: Sequence[int],
    *,
    by: str = "Chair",
    on: dt.date,
    meeting_id: int | None = None,
    imported_by: str = "",
) -> tuple[ApplyResult, Changes]:
    """Record the accepted proposals as made by the chair; the others are rejected. One import per review.

    `meeting_id` is the meeting the updates are reported at (needed to close an action: the board agrees it).
    """
    if diff.source_uuid != _existing_uuid(session):
        raise InvalidChange(
            "This review copy was made from another BoardApp database, not this one; nothing was changed."
        )
    if session.exec(select(ReviewImport).where(ReviewImport.review_uuid == diff.review_uuid)).first() is not None:
        raise InvalidChange("This review was already imported; importing it again changes nothing.")
    chosen = set(accepted_ids)
    unknown = chosen - {row.id for row in diff.proposals}
    if unknown:
        raise InvalidChange("Some of the chosen proposals are not in this review.")
    by = " ".join(by.split()) or "Chair"
    changes = Changes()
    accepted: list[int] = []
    for row in diff.proposals:
        if row.id not in chosen:
            continue
        if row.missing:
            raise InvalidChange(f"{row.record_label} has been deleted from this database: untick it to go on.")
        changes = changes | _apply_one(session, row, diff._raw[row.id], by=by, on=on, meeting_id=meeting_id)
        accepted.append(row.id)
    rejected = tuple(row.id for row in diff.proposals if row.id not in chosen)
    session.add(
        ReviewImport(
            review_uuid=diff.review_uuid,
            board_id=diff.board_id,
            imported_by=imported_by.strip(),
            proposals=len(diff.proposals),
            accepted=len(accepted),
            rejected=len(rejected),
        )
    )
    session.flush()
    message = f"Accepted {len(accepted)} of {len(diff.proposals)} proposal{'s' if len(diff.proposals) != 1 else ''}"
    message += f" from {by}'s review; {len(rejected)} rejected." if rejected else f" from {by}'s review."
    return ApplyResult(tuple(accepted), rejected, message), changes


def _apply_one(
    session: Session, row: ProposalRow, p: ReviewProposal, *, by: str, on: dt.date, meeting_id: int | None
) -> Changes:
    fld = ReviewField(p.field)
    if row.kind is ProposalKind.ACTION:
        if fld is ReviewField.STATUS:
            status = ActionStatus(p.proposed_value)
            action = session.get(Action, p.record_id)
            if action is not None and action.status is status and not p.comment:
                return Changes()  # already so here: nothing to add to the history
            _, changes = followup.update_status(
                session, [p.record_id], status=status, note=p.comment, on=on, meeting_id=meeting_id, by=by
            )
            return changes
        note = p.proposed_value if fld is ReviewField.PROGRESS_NOTE else f"Comment: {p.proposed_value}"
        if p.comment and fld is ReviewField.PROGRESS_NOTE:
            note += f"\n\n{p.comment}"
        _, changes = followup.update_status(
            session, [p.record_id], status=None, note=note, on=on, meeting_id=meeting_id, by=by
        )
        return changes
    item = session.get(PlanItem, p.record_id)
    assert item is not None  # row.missing was checked
    if fld is ReviewField.STATUS:
        level_id = int(p.proposed_value)
        reason = p.comment
    else:
        if item.progress_level_id is None:
            raise InvalidChange(f"{row.record_label} has no status here, so the note cannot be recorded with it.")
        level_id = item.progress_level_id
        reason = p.proposed_value if fld is ReviewField.PROGRESS_NOTE else f"Comment: {p.proposed_value}"
        if p.comment and fld is ReviewField.PROGRESS_NOTE:
            reason += f"\n\n{p.comment}"
    _, changes = plan_status.set_status(
        session, p.record_id, level_id, changed_on=on, scale_kind=ScaleKind.PROGRESS, changed_by=by, reason=reason,
        meeting_id=meeting_id,
    )
    return changes


# -- what the chair reads in the copy ---------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRecord:
    """One line of the review copy's list: an action or a plan item, with what can be proposed on it."""

    kind: ProposalKind
    record_id: int
    ref: str
    text: str
    status: str  # in words
    status_value: str  # ActionStatus value / StatusLevel id ("" when none)
    detail: str  # due point (actions) or the plan's name (plan items)
    latest_note: str
    choices: tuple[tuple[str, str], ...]  # (value, words) of the statuses that may be proposed


@dataclass(frozen=True)
class ProposalLine:
    id: int
    kind: ProposalKind
    record_id: int
    field: ReviewField
    proposed: str  # in words
    comment: str


@dataclass(frozen=True)
class ReviewContents:
    board_name: str
    made_at: dt.datetime
    made_by: str
    includes_part2: bool
    records: tuple[ReviewRecord, ...]
    proposals: tuple[ProposalLine, ...]


def review_contents(session: Session) -> ReviewContents:
    """Everything the chair's review screen lists: the board's actions and plan items, and the proposals."""
    info = review_info(session)
    if info is None:
        raise InvalidChange("This is not a review copy.")
    action_choices = tuple((s.value, ACTION_STATUS_LABELS[s]) for s in ActionStatus)
    records: list[ReviewRecord] = []
    latest: dict[int, str] = {}
    for update in session.exec(
        select(ActionUpdate).order_by(ActionUpdate.recorded_on, ActionUpdate.id)  # type: ignore[arg-type]
    ).all():
        if update.note:
            latest[update.action_id] = update.note
    for action in session.exec(select(Action).order_by(Action.ref)).all():
        records.append(
            ReviewRecord(
                kind=ProposalKind.ACTION,
                record_id=action.id or 0,
                ref=action.ref,
                text=action.text,
                status=ACTION_STATUS_LABELS[action.status],
                status_value=action.status.value,
                detail=action.due_text,
                latest_note=latest.get(action.id or 0, ""),
                choices=action_choices,
            )
        )
    plans = {p.id: p for p in session.exec(select(Plan)).all()}
    levels = session.exec(select(StatusLevel).order_by(StatusLevel.position)).all()  # type: ignore[arg-type]
    by_id = {level.id: level for level in levels}
    for item in session.exec(select(PlanItem).order_by(PlanItem.plan_id, PlanItem.id)).all():  # type: ignore[arg-type]
        plan = plans.get(item.plan_id)
        scale = plan.progress_scale_id if plan else None
        level = by_id.get(item.progress_level_id) if item.progress_level_id is not None else None
        records.append(
            ReviewRecord(
                kind=ProposalKind.PLAN_ITEM,
                record_id=item.id or 0,
                ref=item.ref,
                text=item.text,
                status=level.label if level else "",
                status_value="" if item.progress_level_id is None else str(item.progress_level_id),
                detail=plan.name if plan else "",
                latest_note="",
                choices=tuple((str(lv.id), lv.label) for lv in levels if lv.scale_id == scale),
            )
        )
    lines = []
    for p in session.exec(select(ReviewProposal).order_by(ReviewProposal.id)).all():  # type: ignore[arg-type]
        kind, fld = ProposalKind(p.kind), ReviewField(p.field)
        words = p.proposed_value
        if fld is ReviewField.STATUS:
            words = _status_words(words) if kind is ProposalKind.ACTION else _level_words(session, words)
        lines.append(ProposalLine(p.id or 0, kind, p.record_id, fld, words, p.comment))
    return ReviewContents(
        board_name=info.board_name,
        made_at=info.made_at,
        made_by=info.made_by,
        includes_part2=info.includes_part2,
        records=tuple(records),
        proposals=tuple(lines),
    )


def withdraw_proposal(session: Session, proposal_id: int) -> Changes:
    """The chair changed their mind: the proposal goes (only in a review copy)."""
    if review_info(session) is None:
        raise InvalidChange("Proposals are made in a review copy, not in the clerk's database.")
    row = session.get(ReviewProposal, proposal_id)
    if row is None:
        raise NotFound("That proposal no longer exists.")
    session.delete(row)
    session.flush()
    if row.kind == ProposalKind.ACTION.value:
        return Changes(actions=frozenset({row.record_id}))
    return Changes()


def report_meetings(session: Session, board_id: int, on: dt.date) -> list[tuple[int, str]]:
    """The board's meetings, held by `on` and not cancelled, newest first: where accepted updates are reported
    (closing an action needs the meeting at which the board agreed it)."""
    meetings = session.exec(
        select(Meeting)
        .where(Meeting.board_id == board_id, Meeting.date <= on, Meeting.status != MeetingStatus.CANCELLED)
        .order_by(Meeting.date.desc())  # type: ignore[attr-defined]
    ).all()
    return [(m.id or 0, f"{long_date(m.date)} meeting") for m in meetings]
