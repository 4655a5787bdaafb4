"""full-text search index

Revision ID: b7e4c2a91d58
Revises: 462e7c8e5f93
Create Date: 2026-11-22 11:38:08.567395

One FTS5 table, search_index, over minutes, decisions, actions, agenda items, plan items,
recommendations and KPIs, kept current by SQL triggers; the upgrade indexes whatever the file
already holds. The SQL below is frozen as boardapp/store/fts.py generated it for this revision:
fts.py is the live definition, and tests/unit/search/test_search_schema.py checks that a
database migrated to head and fts.py agree.

Nothing here is a model: db/env.py leaves every table named search_* out of autogenerate.
"""
from collections.abc import Sequence

from alembic import op


revision: str = 'b7e4c2a91d58'
down_revision: str | None = '462e7c8e5f93'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = '''CREATE VIRTUAL TABLE search_index USING fts5(title, body, facets, kind UNINDEXED, ref_id UNINDEXED, board_id UNINDEXED, meeting_date UNINDEXED, exempt UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')'''

RANK = '''INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')'''

TRIGGERS = {
    'search_minute_insert': '''CREATE TRIGGER search_minute_insert AFTER INSERT ON "minute"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'minute', m.id, mt.board_id, mt.date, ai.is_exempt FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.id = new.id;
END''',
    'search_minute_update': '''CREATE TRIGGER search_minute_update AFTER UPDATE OF notes, agenda_item_id ON "minute"
WHEN old.notes IS NOT new.notes OR old.agenda_item_id IS NOT new.agenda_item_id
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 1099511627776;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'minute', m.id, mt.board_id, mt.date, ai.is_exempt FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.id = new.id;
END''',
    'search_minute_delete': '''CREATE TRIGGER search_minute_delete AFTER DELETE ON "minute"
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 1099511627776;
END''',
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
    'search_decision_delete': '''CREATE TRIGGER search_decision_delete AFTER DELETE ON "decision"
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 2199023255552;
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
    'search_action_delete': '''CREATE TRIGGER search_action_delete AFTER DELETE ON "action"
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 3298534883328;
END''',
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
    'search_agendaitem_delete': '''CREATE TRIGGER search_agendaitem_delete AFTER DELETE ON "agendaitem"
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 4398046511104;
END''',
    'search_planitem_insert': '''CREATE TRIGGER search_planitem_insert AFTER INSERT ON "planitem"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT pi.id + 5497558138880, pi.ref, pi.text || char(10) || pi.description || char(10) || pi.outcomes || char(10) || pi.evidence_of_impact, char(57344) || 'b' || coalesce(p.board_id, 0) || ' ' || char(57344) || 'x' || 0, 'plan_item', pi.id, p.board_id, NULL, 0 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id WHERE pi.id = new.id;
END''',
    'search_planitem_update': '''CREATE TRIGGER search_planitem_update AFTER UPDATE OF ref, text, description, outcomes, evidence_of_impact, plan_id ON "planitem"
WHEN old.ref IS NOT new.ref OR old.text IS NOT new.text OR old.description IS NOT new.description OR old.outcomes IS NOT new.outcomes OR old.evidence_of_impact IS NOT new.evidence_of_impact OR old.plan_id IS NOT new.plan_id
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 5497558138880;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT pi.id + 5497558138880, pi.ref, pi.text || char(10) || pi.description || char(10) || pi.outcomes || char(10) || pi.evidence_of_impact, char(57344) || 'b' || coalesce(p.board_id, 0) || ' ' || char(57344) || 'x' || 0, 'plan_item', pi.id, p.board_id, NULL, 0 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id WHERE pi.id = new.id;
END''',
    'search_planitem_delete': '''CREATE TRIGGER search_planitem_delete AFTER DELETE ON "planitem"
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 5497558138880;
END''',
    'search_recommendation_insert': '''CREATE TRIGGER search_recommendation_insert AFTER INSERT ON "recommendation"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, char(57344) || 'b' || coalesce(p.board_id, 0) || CASE WHEN rs.reported_on IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(rs.reported_on, 1, 4) || ' ' || char(57344) || 'm' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || ' ' || char(57344) || 'd' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || substr(rs.reported_on, 9, 2) END || ' ' || char(57344) || 'x' || 0, 'recommendation', r.id, p.board_id, rs.reported_on, 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.id = new.id;
END''',
    'search_recommendation_update': '''CREATE TRIGGER search_recommendation_update AFTER UPDATE OF ref, text, plan_id, source_id ON "recommendation"
WHEN old.ref IS NOT new.ref OR old.text IS NOT new.text OR old.plan_id IS NOT new.plan_id OR old.source_id IS NOT new.source_id
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 6597069766656;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, char(57344) || 'b' || coalesce(p.board_id, 0) || CASE WHEN rs.reported_on IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(rs.reported_on, 1, 4) || ' ' || char(57344) || 'm' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || ' ' || char(57344) || 'd' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || substr(rs.reported_on, 9, 2) END || ' ' || char(57344) || 'x' || 0, 'recommendation', r.id, p.board_id, rs.reported_on, 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.id = new.id;
END''',
    'search_recommendation_delete': '''CREATE TRIGGER search_recommendation_delete AFTER DELETE ON "recommendation"
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 6597069766656;
END''',
    'search_kpi_insert': '''CREATE TRIGGER search_kpi_insert AFTER INSERT ON "kpi"
BEGIN
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT k.id + 7696581394432, k.ref, k.measure, char(57344) || 'b' || coalesce(p.board_id, 0) || ' ' || char(57344) || 'x' || 0, 'kpi', k.id, p.board_id, NULL, 0 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id WHERE k.id = new.id;
END''',
    'search_kpi_update': '''CREATE TRIGGER search_kpi_update AFTER UPDATE OF ref, measure, plan_id ON "kpi"
WHEN old.ref IS NOT new.ref OR old.measure IS NOT new.measure OR old.plan_id IS NOT new.plan_id
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 7696581394432;
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT k.id + 7696581394432, k.ref, k.measure, char(57344) || 'b' || coalesce(p.board_id, 0) || ' ' || char(57344) || 'x' || 0, 'kpi', k.id, p.board_id, NULL, 0 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id WHERE k.id = new.id;
END''',
    'search_kpi_delete': '''CREATE TRIGGER search_kpi_delete AFTER DELETE ON "kpi"
BEGIN
  DELETE FROM search_index WHERE rowid = old.id + 7696581394432;
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
    'search_plan_cascade': '''CREATE TRIGGER search_plan_cascade AFTER UPDATE OF board_id ON "plan"
WHEN old.board_id IS NOT new.board_id
BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT pi.id + 5497558138880 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id WHERE pi.plan_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT pi.id + 5497558138880, pi.ref, pi.text || char(10) || pi.description || char(10) || pi.outcomes || char(10) || pi.evidence_of_impact, char(57344) || 'b' || coalesce(p.board_id, 0) || ' ' || char(57344) || 'x' || 0, 'plan_item', pi.id, p.board_id, NULL, 0 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id WHERE pi.plan_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT r.id + 6597069766656 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.plan_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, char(57344) || 'b' || coalesce(p.board_id, 0) || CASE WHEN rs.reported_on IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(rs.reported_on, 1, 4) || ' ' || char(57344) || 'm' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || ' ' || char(57344) || 'd' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || substr(rs.reported_on, 9, 2) END || ' ' || char(57344) || 'x' || 0, 'recommendation', r.id, p.board_id, rs.reported_on, 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.plan_id = new.id;
  DELETE FROM search_index WHERE rowid IN (SELECT k.id + 7696581394432 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id WHERE k.plan_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT k.id + 7696581394432, k.ref, k.measure, char(57344) || 'b' || coalesce(p.board_id, 0) || ' ' || char(57344) || 'x' || 0, 'kpi', k.id, p.board_id, NULL, 0 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id WHERE k.plan_id = new.id;
END''',
    'search_reviewsource_cascade': '''CREATE TRIGGER search_reviewsource_cascade AFTER UPDATE OF reported_on ON "reviewsource"
WHEN old.reported_on IS NOT new.reported_on
BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT r.id + 6597069766656 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.source_id = new.id);
  INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, char(57344) || 'b' || coalesce(p.board_id, 0) || CASE WHEN rs.reported_on IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(rs.reported_on, 1, 4) || ' ' || char(57344) || 'm' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || ' ' || char(57344) || 'd' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || substr(rs.reported_on, 9, 2) END || ' ' || char(57344) || 'x' || 0, 'recommendation', r.id, p.board_id, rs.reported_on, 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.source_id = new.id;
END''',
}

# Index every row the file already holds.
FILL = [
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'minute', m.id, mt.board_id, mt.date, ai.is_exempt FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id''',
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'decision', d.id, mt.board_id, mt.date, ai.is_exempt FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id''',
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, char(57344) || 'b' || coalesce(a.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || coalesce(ai.is_exempt, 0), 'action', a.id, a.board_id, mt.date, coalesce(ai.is_exempt, 0) FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id LEFT JOIN "agendaitem" AS ai ON ai.id = a.raised_item_id''',
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title, '', char(57344) || 'b' || coalesce(mt.board_id, 0) || CASE WHEN mt.date IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(mt.date, 1, 4) || ' ' || char(57344) || 'm' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || ' ' || char(57344) || 'd' || substr(mt.date, 1, 4) || substr(mt.date, 6, 2) || substr(mt.date, 9, 2) END || ' ' || char(57344) || 'x' || ai.is_exempt, 'agenda_item', ai.id, mt.board_id, mt.date, ai.is_exempt FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id''',
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT pi.id + 5497558138880, pi.ref, pi.text || char(10) || pi.description || char(10) || pi.outcomes || char(10) || pi.evidence_of_impact, char(57344) || 'b' || coalesce(p.board_id, 0) || ' ' || char(57344) || 'x' || 0, 'plan_item', pi.id, p.board_id, NULL, 0 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id''',
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, char(57344) || 'b' || coalesce(p.board_id, 0) || CASE WHEN rs.reported_on IS NULL THEN '' ELSE ' ' || char(57344) || 'y' || substr(rs.reported_on, 1, 4) || ' ' || char(57344) || 'm' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || ' ' || char(57344) || 'd' || substr(rs.reported_on, 1, 4) || substr(rs.reported_on, 6, 2) || substr(rs.reported_on, 9, 2) END || ' ' || char(57344) || 'x' || 0, 'recommendation', r.id, p.board_id, rs.reported_on, 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id''',
    '''INSERT INTO search_index (rowid, title, body, facets, kind, ref_id, board_id, meeting_date, exempt) SELECT k.id + 7696581394432, k.ref, k.measure, char(57344) || 'b' || coalesce(p.board_id, 0) || ' ' || char(57344) || 'x' || 0, 'kpi', k.id, p.board_id, NULL, 0 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id''',
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":  # FTS5 is SQLite's: PostgreSQL gets its own search index later
        return
    for statement in (TABLE, RANK, *TRIGGERS.values(), *FILL):
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql("INSERT INTO search_index (search_index) VALUES ('optimize')")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for name in reversed(list(TRIGGERS)):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    bind.exec_driver_sql("DROP TABLE IF EXISTS search_index")
