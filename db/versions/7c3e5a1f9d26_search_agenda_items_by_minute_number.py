"""search index: an agenda item is found by its minute number ("23/17", "minute 23/17")

Revision ID: 7c3e5a1f9d26
Revises: a9d2e6b4c718
Create Date: 2026-12-06 16:10:00.000000

The index row of an agenda item gets its minute number in the title once it has one
("Heat maps (Minute 23/17)"), and is written again when the number is given or changed. The
triggers that write agenda-item rows (the item's own insert and update, and the meeting cascade)
are dropped and created again, and the agenda-item rows of the index are written again. The SQL
is frozen as boardapp/store/fts.py generated it for this revision (fts.py is the live
definition; tests/unit/search/test_search_schema.py checks that they agree).
"""
from collections.abc import Sequence

from alembic import op


revision: str = '7c3e5a1f9d26'
down_revision: str | None = 'a9d2e6b4c718'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED_ROWS = "DELETE FROM search_index WHERE kind = 'agenda_item'"

TRIGGERS = {
    'search_agendaitem_insert': '''CREATE TRIGGER search_agendaitem_insert AFTER INSERT ON "agendaitem"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title || CASE WHEN ai.minute_number <> '' THEN ' (Minute ' || ai.minute_number || ')' ELSE '' END, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.id = new.id;
END''',
    'search_agendaitem_update': '''CREATE TRIGGER search_agendaitem_update AFTER UPDATE OF title, is_exempt, meeting_id, minute_number ON "agendaitem"
WHEN old.title IS NOT new.title OR old.is_exempt IS NOT new.is_exempt OR old.meeting_id IS NOT new.meeting_id OR old.minute_number IS NOT new.minute_number
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 4398046511104;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title || CASE WHEN ai.minute_number <> '' THEN ' (Minute ' || ai.minute_number || ')' ELSE '' END, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.id = new.id;
END''',
    'search_meeting_cascade': '''CREATE TRIGGER search_meeting_cascade AFTER UPDATE OF date, board_id ON "meeting"
WHEN old.date IS NOT new.date OR old.board_id IS NOT new.board_id
BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT ai.id + 4398046511104 FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title || CASE WHEN ai.minute_number <> '' THEN ' (Minute ' || ai.minute_number || ')' ELSE '' END, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT m.id + 1099511627776 FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'minute', m.id, mt.board_id, mt.date, ai.is_exempt FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT d.id + 2199023255552 FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || d.is_exempt, 'decision', d.id, mt.board_id, mt.date, d.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT a.id + 3298534883328 FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.raised_meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || a.is_exempt, 'action', a.id, a.board_id, mt.date, a.is_exempt FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.raised_meeting_id = new.id;
END''',
}

REFILL = '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title || CASE WHEN ai.minute_number <> '' THEN ' (Minute ' || ai.minute_number || ')' ELSE '' END, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id'''

# As they were before this revision: the title alone.
OLD_TRIGGERS = {
    'search_agendaitem_insert': '''CREATE TRIGGER search_agendaitem_insert AFTER INSERT ON "agendaitem"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.id = new.id;
END''',
    'search_agendaitem_update': '''CREATE TRIGGER search_agendaitem_update AFTER UPDATE OF title, is_exempt, meeting_id ON "agendaitem"
WHEN old.title IS NOT new.title OR old.is_exempt IS NOT new.is_exempt OR old.meeting_id IS NOT new.meeting_id
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 4398046511104;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.id = new.id;
END''',
    'search_meeting_cascade': '''CREATE TRIGGER search_meeting_cascade AFTER UPDATE OF date, board_id ON "meeting"
WHEN old.date IS NOT new.date OR old.board_id IS NOT new.board_id
BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT ai.id + 4398046511104 FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT m.id + 1099511627776 FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'minute', m.id, mt.board_id, mt.date, ai.is_exempt FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT d.id + 2199023255552 FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || d.is_exempt, 'decision', d.id, mt.board_id, mt.date, d.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT a.id + 3298534883328 FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.raised_meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || a.is_exempt, 'action', a.id, a.board_id, mt.date, a.is_exempt FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.raised_meeting_id = new.id;
END''',
}

OLD_REFILL = '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id'''


def _install(triggers: dict[str, str], refill: str) -> None:
    if op.get_bind().dialect.name != 'sqlite':  # the FTS5 index and its triggers exist on SQLite only
        return
    for name in triggers:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in triggers.values():
        op.execute(statement)
    op.execute(INDEXED_ROWS)
    op.execute(refill)


def upgrade() -> None:
    _install(TRIGGERS, REFILL)


def downgrade() -> None:
    _install(OLD_TRIGGERS, OLD_REFILL)
