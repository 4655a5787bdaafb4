"""PostgreSQL full-text search (tsvector with a GIN index); nothing on SQLite

Revision ID: d5b8e1f3a620
Revises: 7c3e5a1f9d26
Create Date: 2026-12-06 17:30:00.000000

On PostgreSQL: the `search_words` text search configuration (`simple`, accents folded by the
`unaccent` extension when the server has it and lets us install it), the `search_document` table with
a generated tsvector column and a GIN index, statement-level plpgsql triggers that keep it current,
and the documents the database already holds. The SQL is frozen as boardapp/store/pg_fts.py generated
it for this revision (pg_fts.py is the live definition; tests/unit/search/test_search_schema_postgres.py
checks that they agree). SQLite keeps its FTS5 index (b7e4c2a91d58): nothing runs there.
"""
from collections.abc import Sequence

from alembic import op


revision: str = 'd5b8e1f3a620'
down_revision: str | None = '7c3e5a1f9d26'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONFIG = ['CREATE TEXT SEARCH CONFIGURATION search_words (COPY = simple)']
UNACCENT = ['ALTER TEXT SEARCH CONFIGURATION search_words ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple']

TABLE = [
    "CREATE TABLE search_document (rowid bigint PRIMARY KEY, title text NOT NULL DEFAULT '', body text NOT NULL DEFAULT '', kind text NOT NULL, ref_id bigint NOT NULL, board_id integer, meeting_date text, exempt integer NOT NULL DEFAULT 0, document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('search_words'::regconfig, regexp_replace(title, '[\\x01-/:-@\\[-`{-\\x7f]+', ' ', 'g')), 'A') || setweight(to_tsvector('search_words'::regconfig, regexp_replace(body, '[\\x01-/:-@\\[-`{-\\x7f]+', ' ', 'g')), 'B')) STORED)",
    'CREATE INDEX search_document_words ON search_document USING gin (document)',
    'CREATE INDEX search_document_date ON search_document (meeting_date)',
    'CREATE INDEX search_document_board ON search_document (board_id, meeting_date)',
]

TRIGGERS = {
    'search_minute_insert': (
        '''CREATE FUNCTION search_minute_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, 'minute', m.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (ai.is_exempt)::int FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.id IN (SELECT id FROM new_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_minute_insert AFTER INSERT ON "minute" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_minute_insert()',
    ),
    'search_minute_update': (
        '''CREATE FUNCTION search_minute_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 1099511627776 FROM (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.notes IS DISTINCT FROM n.notes OR o.agenda_item_id IS DISTINCT FROM n.agenda_item_id) AS c);
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, 'minute', m.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (ai.is_exempt)::int FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.notes IS DISTINCT FROM n.notes OR o.agenda_item_id IS DISTINCT FROM n.agenda_item_id);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_minute_update AFTER UPDATE ON "minute" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_minute_update()',
    ),
    'search_minute_delete': (
        '''CREATE FUNCTION search_minute_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 1099511627776 FROM old_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_minute_delete AFTER DELETE ON "minute" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_minute_delete()',
    ),
    'search_decision_insert': (
        '''CREATE FUNCTION search_decision_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, 'decision', d.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (d.is_exempt)::int FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.id IN (SELECT id FROM new_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_decision_insert AFTER INSERT ON "decision" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_decision_insert()',
    ),
    'search_decision_update': (
        '''CREATE FUNCTION search_decision_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 2199023255552 FROM (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.text IS DISTINCT FROM n.text OR o.agenda_item_id IS DISTINCT FROM n.agenda_item_id OR o.is_exempt IS DISTINCT FROM n.is_exempt) AS c);
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, 'decision', d.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (d.is_exempt)::int FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.text IS DISTINCT FROM n.text OR o.agenda_item_id IS DISTINCT FROM n.agenda_item_id OR o.is_exempt IS DISTINCT FROM n.is_exempt);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_decision_update AFTER UPDATE ON "decision" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_decision_update()',
    ),
    'search_decision_delete': (
        '''CREATE FUNCTION search_decision_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 2199023255552 FROM old_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_decision_delete AFTER DELETE ON "decision" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_decision_delete()',
    ),
    'search_action_insert': (
        '''CREATE FUNCTION search_action_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, 'action', a.id, a.board_id, to_char(mt.date, 'YYYY-MM-DD'), (a.is_exempt)::int FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.id IN (SELECT id FROM new_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_action_insert AFTER INSERT ON "action" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_action_insert()',
    ),
    'search_action_update': (
        '''CREATE FUNCTION search_action_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 3298534883328 FROM (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.ref IS DISTINCT FROM n.ref OR o.text IS DISTINCT FROM n.text OR o.board_id IS DISTINCT FROM n.board_id OR o.raised_meeting_id IS DISTINCT FROM n.raised_meeting_id OR o.is_exempt IS DISTINCT FROM n.is_exempt) AS c);
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, 'action', a.id, a.board_id, to_char(mt.date, 'YYYY-MM-DD'), (a.is_exempt)::int FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.ref IS DISTINCT FROM n.ref OR o.text IS DISTINCT FROM n.text OR o.board_id IS DISTINCT FROM n.board_id OR o.raised_meeting_id IS DISTINCT FROM n.raised_meeting_id OR o.is_exempt IS DISTINCT FROM n.is_exempt);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_action_update AFTER UPDATE ON "action" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_action_update()',
    ),
    'search_action_delete': (
        '''CREATE FUNCTION search_action_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 3298534883328 FROM old_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_action_delete AFTER DELETE ON "action" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_action_delete()',
    ),
    'search_agendaitem_insert': (
        '''CREATE FUNCTION search_agendaitem_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title || CASE WHEN ai.minute_number <> '' THEN ' (Minute ' || ai.minute_number || ')' ELSE '' END, '', 'agenda_item', ai.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (ai.is_exempt)::int FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.id IN (SELECT id FROM new_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_agendaitem_insert AFTER INSERT ON "agendaitem" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_agendaitem_insert()',
    ),
    'search_agendaitem_update': (
        '''CREATE FUNCTION search_agendaitem_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 4398046511104 FROM (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.title IS DISTINCT FROM n.title OR o.is_exempt IS DISTINCT FROM n.is_exempt OR o.meeting_id IS DISTINCT FROM n.meeting_id OR o.minute_number IS DISTINCT FROM n.minute_number) AS c);
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title || CASE WHEN ai.minute_number <> '' THEN ' (Minute ' || ai.minute_number || ')' ELSE '' END, '', 'agenda_item', ai.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (ai.is_exempt)::int FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.title IS DISTINCT FROM n.title OR o.is_exempt IS DISTINCT FROM n.is_exempt OR o.meeting_id IS DISTINCT FROM n.meeting_id OR o.minute_number IS DISTINCT FROM n.minute_number);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_agendaitem_update AFTER UPDATE ON "agendaitem" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_agendaitem_update()',
    ),
    'search_agendaitem_delete': (
        '''CREATE FUNCTION search_agendaitem_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 4398046511104 FROM old_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_agendaitem_delete AFTER DELETE ON "agendaitem" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_agendaitem_delete()',
    ),
    'search_planitem_insert': (
        '''CREATE FUNCTION search_planitem_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT pi.id + 5497558138880, pi.ref, pi.text || chr(10) || pi.description || chr(10) || pi.outcomes || chr(10) || pi.evidence_of_impact, 'plan_item', pi.id, p.board_id, NULL::text, 0 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id WHERE pi.id IN (SELECT id FROM new_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_planitem_insert AFTER INSERT ON "planitem" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_planitem_insert()',
    ),
    'search_planitem_update': (
        '''CREATE FUNCTION search_planitem_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 5497558138880 FROM (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.ref IS DISTINCT FROM n.ref OR o.text IS DISTINCT FROM n.text OR o.description IS DISTINCT FROM n.description OR o.outcomes IS DISTINCT FROM n.outcomes OR o.evidence_of_impact IS DISTINCT FROM n.evidence_of_impact OR o.plan_id IS DISTINCT FROM n.plan_id) AS c);
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT pi.id + 5497558138880, pi.ref, pi.text || chr(10) || pi.description || chr(10) || pi.outcomes || chr(10) || pi.evidence_of_impact, 'plan_item', pi.id, p.board_id, NULL::text, 0 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id WHERE pi.id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.ref IS DISTINCT FROM n.ref OR o.text IS DISTINCT FROM n.text OR o.description IS DISTINCT FROM n.description OR o.outcomes IS DISTINCT FROM n.outcomes OR o.evidence_of_impact IS DISTINCT FROM n.evidence_of_impact OR o.plan_id IS DISTINCT FROM n.plan_id);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_planitem_update AFTER UPDATE ON "planitem" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_planitem_update()',
    ),
    'search_planitem_delete': (
        '''CREATE FUNCTION search_planitem_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 5497558138880 FROM old_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_planitem_delete AFTER DELETE ON "planitem" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_planitem_delete()',
    ),
    'search_recommendation_insert': (
        '''CREATE FUNCTION search_recommendation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, 'recommendation', r.id, p.board_id, to_char(rs.reported_on, 'YYYY-MM-DD'), 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.id IN (SELECT id FROM new_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_recommendation_insert AFTER INSERT ON "recommendation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_recommendation_insert()',
    ),
    'search_recommendation_update': (
        '''CREATE FUNCTION search_recommendation_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 6597069766656 FROM (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.ref IS DISTINCT FROM n.ref OR o.text IS DISTINCT FROM n.text OR o.plan_id IS DISTINCT FROM n.plan_id OR o.source_id IS DISTINCT FROM n.source_id) AS c);
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, 'recommendation', r.id, p.board_id, to_char(rs.reported_on, 'YYYY-MM-DD'), 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.ref IS DISTINCT FROM n.ref OR o.text IS DISTINCT FROM n.text OR o.plan_id IS DISTINCT FROM n.plan_id OR o.source_id IS DISTINCT FROM n.source_id);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_recommendation_update AFTER UPDATE ON "recommendation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_recommendation_update()',
    ),
    'search_recommendation_delete': (
        '''CREATE FUNCTION search_recommendation_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 6597069766656 FROM old_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_recommendation_delete AFTER DELETE ON "recommendation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_recommendation_delete()',
    ),
    'search_kpi_insert': (
        '''CREATE FUNCTION search_kpi_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT k.id + 7696581394432, k.ref, k.measure, 'kpi', k.id, p.board_id, NULL::text, 0 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id WHERE k.id IN (SELECT id FROM new_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_kpi_insert AFTER INSERT ON "kpi" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_kpi_insert()',
    ),
    'search_kpi_update': (
        '''CREATE FUNCTION search_kpi_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 7696581394432 FROM (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.ref IS DISTINCT FROM n.ref OR o.measure IS DISTINCT FROM n.measure OR o.plan_id IS DISTINCT FROM n.plan_id) AS c);
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT k.id + 7696581394432, k.ref, k.measure, 'kpi', k.id, p.board_id, NULL::text, 0 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id WHERE k.id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.ref IS DISTINCT FROM n.ref OR o.measure IS DISTINCT FROM n.measure OR o.plan_id IS DISTINCT FROM n.plan_id);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_kpi_update AFTER UPDATE ON "kpi" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_kpi_update()',
    ),
    'search_kpi_delete': (
        '''CREATE FUNCTION search_kpi_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT id + 7696581394432 FROM old_rows);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_kpi_delete AFTER DELETE ON "kpi" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_kpi_delete()',
    ),
    'search_agendaitem_cascade': (
        '''CREATE FUNCTION search_agendaitem_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT m.id + 1099511627776 FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.agenda_item_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.title IS DISTINCT FROM n.title OR o.is_exempt IS DISTINCT FROM n.is_exempt OR o.meeting_id IS DISTINCT FROM n.meeting_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, 'minute', m.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (ai.is_exempt)::int FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE m.agenda_item_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.title IS DISTINCT FROM n.title OR o.is_exempt IS DISTINCT FROM n.is_exempt OR o.meeting_id IS DISTINCT FROM n.meeting_id);
  DELETE FROM search_document WHERE rowid IN (SELECT d.id + 2199023255552 FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.agenda_item_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.title IS DISTINCT FROM n.title OR o.is_exempt IS DISTINCT FROM n.is_exempt OR o.meeting_id IS DISTINCT FROM n.meeting_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, 'decision', d.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (d.is_exempt)::int FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE d.agenda_item_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.title IS DISTINCT FROM n.title OR o.is_exempt IS DISTINCT FROM n.is_exempt OR o.meeting_id IS DISTINCT FROM n.meeting_id);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_agendaitem_cascade AFTER UPDATE ON "agendaitem" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_agendaitem_cascade()',
    ),
    'search_meeting_cascade': (
        '''CREATE FUNCTION search_meeting_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT ai.id + 4398046511104 FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.date IS DISTINCT FROM n.date OR o.board_id IS DISTINCT FROM n.board_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title || CASE WHEN ai.minute_number <> '' THEN ' (Minute ' || ai.minute_number || ')' ELSE '' END, '', 'agenda_item', ai.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (ai.is_exempt)::int FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.date IS DISTINCT FROM n.date OR o.board_id IS DISTINCT FROM n.board_id);
  DELETE FROM search_document WHERE rowid IN (SELECT m.id + 1099511627776 FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.date IS DISTINCT FROM n.date OR o.board_id IS DISTINCT FROM n.board_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, 'minute', m.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (ai.is_exempt)::int FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.date IS DISTINCT FROM n.date OR o.board_id IS DISTINCT FROM n.board_id);
  DELETE FROM search_document WHERE rowid IN (SELECT d.id + 2199023255552 FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.date IS DISTINCT FROM n.date OR o.board_id IS DISTINCT FROM n.board_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, 'decision', d.id, mt.board_id, to_char(mt.date, 'YYYY-MM-DD'), (d.is_exempt)::int FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id WHERE ai.meeting_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.date IS DISTINCT FROM n.date OR o.board_id IS DISTINCT FROM n.board_id);
  DELETE FROM search_document WHERE rowid IN (SELECT a.id + 3298534883328 FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.raised_meeting_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.date IS DISTINCT FROM n.date OR o.board_id IS DISTINCT FROM n.board_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, 'action', a.id, a.board_id, to_char(mt.date, 'YYYY-MM-DD'), (a.is_exempt)::int FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id WHERE a.raised_meeting_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.date IS DISTINCT FROM n.date OR o.board_id IS DISTINCT FROM n.board_id);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_meeting_cascade AFTER UPDATE ON "meeting" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_meeting_cascade()',
    ),
    'search_plan_cascade': (
        '''CREATE FUNCTION search_plan_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT pi.id + 5497558138880 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id WHERE pi.plan_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.board_id IS DISTINCT FROM n.board_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT pi.id + 5497558138880, pi.ref, pi.text || chr(10) || pi.description || chr(10) || pi.outcomes || chr(10) || pi.evidence_of_impact, 'plan_item', pi.id, p.board_id, NULL::text, 0 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id WHERE pi.plan_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.board_id IS DISTINCT FROM n.board_id);
  DELETE FROM search_document WHERE rowid IN (SELECT r.id + 6597069766656 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.plan_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.board_id IS DISTINCT FROM n.board_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, 'recommendation', r.id, p.board_id, to_char(rs.reported_on, 'YYYY-MM-DD'), 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.plan_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.board_id IS DISTINCT FROM n.board_id);
  DELETE FROM search_document WHERE rowid IN (SELECT k.id + 7696581394432 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id WHERE k.plan_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.board_id IS DISTINCT FROM n.board_id));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT k.id + 7696581394432, k.ref, k.measure, 'kpi', k.id, p.board_id, NULL::text, 0 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id WHERE k.plan_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.board_id IS DISTINCT FROM n.board_id);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_plan_cascade AFTER UPDATE ON "plan" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_plan_cascade()',
    ),
    'search_reviewsource_cascade': (
        '''CREATE FUNCTION search_reviewsource_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE rowid IN (SELECT r.id + 6597069766656 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.source_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.reported_on IS DISTINCT FROM n.reported_on));
  INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, 'recommendation', r.id, p.board_id, to_char(rs.reported_on, 'YYYY-MM-DD'), 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id WHERE r.source_id IN (SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE o.reported_on IS DISTINCT FROM n.reported_on);
  RETURN NULL;
END
$$''',
        'CREATE TRIGGER search_reviewsource_cascade AFTER UPDATE ON "reviewsource" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_reviewsource_cascade()',
    ),
}

FILL = [
    'INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT m.id + 1099511627776, ai.title, m.notes, \'minute\', m.id, mt.board_id, to_char(mt.date, \'YYYY-MM-DD\'), (ai.is_exempt)::int FROM "minute" AS m JOIN "agendaitem" AS ai ON ai.id = m.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id',
    'INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT d.id + 2199023255552, ai.title, d.text, \'decision\', d.id, mt.board_id, to_char(mt.date, \'YYYY-MM-DD\'), (d.is_exempt)::int FROM "decision" AS d JOIN "agendaitem" AS ai ON ai.id = d.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id',
    'INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT a.id + 3298534883328, a.ref, a.text, \'action\', a.id, a.board_id, to_char(mt.date, \'YYYY-MM-DD\'), (a.is_exempt)::int FROM "action" AS a LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id',
    'INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT ai.id + 4398046511104, ai.title || CASE WHEN ai.minute_number <> \'\' THEN \' (Minute \' || ai.minute_number || \')\' ELSE \'\' END, \'\', \'agenda_item\', ai.id, mt.board_id, to_char(mt.date, \'YYYY-MM-DD\'), (ai.is_exempt)::int FROM "agendaitem" AS ai JOIN "meeting" AS mt ON mt.id = ai.meeting_id',
    'INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT pi.id + 5497558138880, pi.ref, pi.text || chr(10) || pi.description || chr(10) || pi.outcomes || chr(10) || pi.evidence_of_impact, \'plan_item\', pi.id, p.board_id, NULL::text, 0 FROM "planitem" AS pi JOIN "plan" AS p ON p.id = pi.plan_id',
    'INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT r.id + 6597069766656, r.ref, r.text, \'recommendation\', r.id, p.board_id, to_char(rs.reported_on, \'YYYY-MM-DD\'), 0 FROM "recommendation" AS r JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id',
    'INSERT INTO search_document (rowid, title, body, kind, ref_id, board_id, meeting_date, exempt) SELECT k.id + 7696581394432, k.ref, k.measure, \'kpi\', k.id, p.board_id, NULL::text, 0 FROM "kpi" AS k LEFT JOIN "plan" AS p ON p.id = k.plan_id',
]


def _unaccent() -> bool:
    """Install the unaccent extension if the server has it and allows it; a refusal changes nothing else."""
    bind = op.get_bind()
    available = bind.exec_driver_sql(
        "SELECT installed_version IS NOT NULL FROM pg_available_extensions WHERE name = 'unaccent'"
    ).first()
    if available is None:
        return False
    if available[0]:
        return True
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except Exception:  # noqa: BLE001 - no privilege: search works, only accents then count
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':  # SQLite has its FTS5 index
        return
    statements = CONFIG + (UNACCENT if _unaccent() else []) + TABLE
    for function, trigger in TRIGGERS.values():
        statements += [function, trigger]
    for statement in statements + FILL:
        op.execute(statement)
    op.execute('ANALYZE search_document')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for name in TRIGGERS:
        table = name.removeprefix('search_').rsplit('_', 1)[0]
        op.execute(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
        op.execute(f'DROP FUNCTION IF EXISTS {name}()')
    op.execute('DROP TABLE IF EXISTS search_document')
    op.execute('DROP TEXT SEARCH CONFIGURATION IF EXISTS search_words')

