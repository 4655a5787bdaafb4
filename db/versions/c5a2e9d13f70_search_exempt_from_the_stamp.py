"""search index: actions and decisions are confidential by their own Part II stamp

Revision ID: c5a2e9d13f70
Revises: 0f0fdc260744
Create Date: 2026-12-06 14:50:00.000000

The search index's `exempt` column of an action now comes from `action.is_exempt` and that of a
decision from `decision.is_exempt` (stamped when the business is made under an exempt item, and
kept whatever later happens to the item), no longer from the item they hang from. The triggers
that write action and decision rows (and the two cascades that rewrite them) are dropped and
created again, and the action and decision rows of the index are written again. The SQL is
frozen as boardapp/store/fts.py generated it for this revision (fts.py is the live definition;
tests/unit/search/test_search_schema.py checks that they agree).
"""
from collections.abc import Sequence

from alembic import op


revision: str = 'c5a2e9d13f70'
down_revision: str | None = '0f0fdc260744'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED_ROWS = "DELETE FROM search_index WHERE kind IN ('action', 'decision')"

TRIGGERS = {
    'search_decision_insert': '''CREATE TRIGGER search_decision_insert AFTER INSERT ON "decision"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || d.is_exempt, 'decision', d.id, mt.board_id, mt.date, d.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.id = new.id;
END''',
    'search_decision_update': '''CREATE TRIGGER search_decision_update AFTER UPDATE OF text, agenda_item_id, is_exempt ON "decision"
WHEN old.text IS NOT new.text OR old.agenda_item_id IS NOT new.agenda_item_id OR old.is_exempt IS NOT new.is_exempt
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 2199023255552;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || d.is_exempt, 'decision', d.id, mt.board_id, mt.date, d.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.id = new.id;
END''',
    'search_action_insert': '''CREATE TRIGGER search_action_insert AFTER INSERT ON "action"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || a.is_exempt, 'action', a.id, a.board_id, mt.date, a.is_exempt FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.id = new.id;
END''',
    'search_action_update': '''CREATE TRIGGER search_action_update AFTER UPDATE OF ref, text, board_id, raised_meeting_id, is_exempt ON "action"
WHEN old.ref IS NOT new.ref OR old.text IS NOT new.text OR old.board_id IS NOT new.board_id OR old.raised_meeting_id IS NOT new.raised_meeting_id OR old.is_exempt IS NOT new.is_exempt
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 3298534883328;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || a.is_exempt, 'action', a.id, a.board_id, mt.date, a.is_exempt FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.id = new.id;
END''',
    'search_agendaitem_cascade': '''CREATE TRIGGER search_agendaitem_cascade AFTER UPDATE OF title, is_exempt, meeting_id ON "agendaitem"
WHEN old.title IS NOT new.title OR old.is_exempt IS NOT new.is_exempt OR old.meeting_id IS NOT new.meeting_id
BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT m.id + 1099511627776 FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.agenda_item_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'minute', m.id, mt.board_id, mt.date, ai.is_exempt FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.agenda_item_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT d.id + 2199023255552 FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.agenda_item_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || d.is_exempt, 'decision', d.id, mt.board_id, mt.date, d.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.agenda_item_id = new.id;
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

REFILL = [
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || d.is_exempt, 'decision', d.id, mt.board_id, mt.date, d.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id''',
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || a.is_exempt, 'action', a.id, a.board_id, mt.date, a.is_exempt FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id''',
]

# As b7e4c2a91d58 made them: the item's flag said whether an action or decision was exempt.
OLD_TRIGGERS = {
    'search_decision_insert': '''CREATE TRIGGER search_decision_insert AFTER INSERT ON "decision"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'decision', d.id, mt.board_id, mt.date, ai.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.id = new.id;
END''',
    'search_decision_update': '''CREATE TRIGGER search_decision_update AFTER UPDATE OF text, agenda_item_id ON "decision"
WHEN old.text IS NOT new.text OR old.agenda_item_id IS NOT new.agenda_item_id
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 2199023255552;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'decision', d.id, mt.board_id, mt.date, ai.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.id = new.id;
END''',
    'search_action_insert': '''CREATE TRIGGER search_action_insert AFTER INSERT ON "action"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || coalesce(ai.is_exempt, 0), 'action', a.id, a.board_id, mt.date, coalesce(ai.is_exempt, 0) FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id LEFT JOIN "agendaitem" AS ai ON ai.id = a.raised_item_id WHERE a.id = new.id;
END''',
    'search_action_update': '''CREATE TRIGGER search_action_update AFTER UPDATE OF ref, text, board_id, raised_meeting_id, raised_item_id ON "action"
WHEN old.ref IS NOT new.ref OR old.text IS NOT new.text OR old.board_id IS NOT new.board_id OR old.raised_meeting_id IS NOT new.raised_meeting_id OR old.raised_item_id IS NOT new.raised_item_id
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 3298534883328;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || coalesce(ai.is_exempt, 0), 'action', a.id, a.board_id, mt.date, coalesce(ai.is_exempt, 0) FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id LEFT JOIN "agendaitem" AS ai ON ai.id = a.raised_item_id WHERE a.id = new.id;
END''',
    'search_agendaitem_cascade': '''CREATE TRIGGER search_agendaitem_cascade AFTER UPDATE OF title, is_exempt, meeting_id ON "agendaitem"
WHEN old.title IS NOT new.title OR old.is_exempt IS NOT new.is_exempt OR old.meeting_id IS NOT new.meeting_id
BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT m.id + 1099511627776 FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.agenda_item_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'minute', m.id, mt.board_id, mt.date, ai.is_exempt FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.agenda_item_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT d.id + 2199023255552 FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.agenda_item_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'decision', d.id, mt.board_id, mt.date, ai.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.agenda_item_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT a.id + 3298534883328 FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id LEFT JOIN "agendaitem" AS ai ON ai.id = a.raised_item_id WHERE a.raised_item_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || coalesce(ai.is_exempt, 0), 'action', a.id, a.board_id, mt.date, coalesce(ai.is_exempt, 0) FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id LEFT JOIN "agendaitem" AS ai ON ai.id = a.raised_item_id WHERE a.raised_item_id = new.id;
END''',
    'search_meeting_cascade': '''CREATE TRIGGER search_meeting_cascade AFTER UPDATE OF date, board_id ON "meeting"
WHEN old.date IS NOT new.date OR old.board_id IS NOT new.board_id
BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT ai.id + 4398046511104 FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT m.id + 1099511627776 FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'minute', m.id, mt.board_id, mt.date, ai.is_exempt FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT d.id + 2199023255552 FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'decision', d.id, mt.board_id, mt.date, ai.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT a.id + 3298534883328 FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id LEFT JOIN "agendaitem" AS ai ON ai.id = a.raised_item_id WHERE a.raised_meeting_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || coalesce(ai.is_exempt, 0), 'action', a.id, a.board_id, mt.date, coalesce(ai.is_exempt, 0) FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id LEFT JOIN "agendaitem" AS ai ON ai.id = a.raised_item_id WHERE a.raised_meeting_id = new.id;
END''',
}

OLD_REFILL = [
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'decision', d.id, mt.board_id, mt.date, ai.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id''',
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || coalesce(ai.is_exempt, 0), 'action', a.id, a.board_id, mt.date, coalesce(ai.is_exempt, 0) FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id LEFT JOIN "agendaitem" AS ai ON ai.id = a.raised_item_id''',
]


def _replace(triggers: dict[str, str], refill: list[str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":  # the FTS5 index and its triggers exist on SQLite only
        return
    for name in triggers:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for statement in triggers.values():
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql(INDEXED_ROWS)
    for statement in refill:
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql("INSERT INTO search_index (search_index) VALUES ('optimize')")


def upgrade() -> None:
    _replace(TRIGGERS, REFILL)


def downgrade() -> None:
    _replace(OLD_TRIGGERS, OLD_REFILL)
