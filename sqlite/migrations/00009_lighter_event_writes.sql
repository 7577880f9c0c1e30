-- Storing a document's events cost more than extracting them (see
-- BenchmarkFAKES/store in cmd/sitrep), and most of that cost was rows and
-- index entries nothing reads back on their own.
--
-- Claims and evidence spans were rows of their own tables, a dozen per
-- event, each a B-tree insert with its foreign key looked up. They are
-- only ever read with their event: they now live in the event's row, as
-- JSON (claims_json, evidence_json, NULL when there are none), which the
-- store writes with the event in one insert. The views claims and
-- evidence show them as the tables did, same columns and values, so that
-- what reads them reads them unchanged.
--
-- claims_json is an array with one array per claim, in ord order:
-- [claimant, outlet, kind, count_low, count_high, qualifier, victims,
-- span_start, span_end, denied, hedged]. evidence_json is an object from
-- field to [span_start, span_end].
--
-- Matching asks for the live incidents of a country and a window of
-- dates that share the event's admin1 or lie in a box around it. It now
-- reads all of them, coordinates included, from incidents_candidates and
-- tests the box itself: the R*Tree found every incident in the box,
-- whatever its date, which cost more than the rest of the query.
--
-- events_rtree was kept by a trigger, which made every insert of an event
-- a statement with a sub-statement and a statement journal. The store's
-- writer (package sqlite, writeTx.commit) now puts the events a
-- transaction stored in it, in one statement, just before it commits, as
-- it does for documents_fts (migration 00004) and the incidents' query
-- indexes (migration 00007), incidents_rtree now included: anything else
-- that inserts events, or writes incidents, must do the same.
--
-- Every index is written on every insert, and no query reads these five:
-- events by date, by country and date, by country name; claims by kind;
-- documents by publication date. The store reads events by document or by
-- incident, and documents by id, URL or hash; the API filters incidents,
-- whose own indexes stay. A query that needs one of these can bring it
-- back, in the migration that adds the query.

-- +goose Up
DROP TRIGGER events_rtree_insert;

DROP INDEX events_event_date;
DROP INDEX events_iso3_date;
DROP INDEX events_country;
DROP INDEX documents_published;

DROP INDEX incidents_candidates;
CREATE INDEX incidents_candidates ON incidents (iso3, event_date, admin1, version, latitude, longitude)
    WHERE state = 'live';

ALTER TABLE events ADD COLUMN claims_json TEXT;
ALTER TABLE events ADD COLUMN evidence_json TEXT;

UPDATE events SET
    claims_json = (
        SELECT json_group_array(json_array(claimant, outlet, kind, count_low, count_high, qualifier,
                                           victims, span_start, span_end, denied, hedged) ORDER BY ord)
        FROM claims WHERE event_id = events.id HAVING count(*) > 0),
    evidence_json = (
        SELECT json_group_object(field, json_array(span_start, span_end) ORDER BY field)
        FROM evidence WHERE event_id = events.id HAVING count(*) > 0);

DROP TABLE claims;
DROP TABLE evidence;

CREATE VIEW claims (event_id, ord, claimant, outlet, kind, count_low, count_high, qualifier,
                    victims, span_start, span_end, denied, hedged) AS
    SELECT e.id, c.key, c.value ->> 0, c.value ->> 1, c.value ->> 2, c.value ->> 3, c.value ->> 4,
           c.value ->> 5, c.value ->> 6, c.value ->> 7, c.value ->> 8, c.value ->> 9, c.value ->> 10
    FROM events e, json_each(e.claims_json) c;

CREATE VIEW evidence (event_id, field, span_start, span_end) AS
    SELECT e.id, v.key, v.value ->> 0, v.value ->> 1
    FROM events e, json_each(e.evidence_json) v;

-- +goose Down
DROP VIEW evidence;
DROP VIEW claims;

CREATE TABLE claims (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    claimant   TEXT NOT NULL DEFAULT '',
    outlet     TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT '',
    count_low  INTEGER NOT NULL DEFAULT 0,
    count_high INTEGER NOT NULL DEFAULT 0,
    qualifier  TEXT NOT NULL DEFAULT '',
    victims    TEXT NOT NULL DEFAULT '',
    span_start INTEGER NOT NULL DEFAULT 0,
    span_end   INTEGER NOT NULL DEFAULT 0,
    denied     INTEGER NOT NULL DEFAULT 0 CHECK (denied IN (0, 1)),
    hedged     INTEGER NOT NULL DEFAULT 0 CHECK (hedged IN (0, 1)),
    PRIMARY KEY (event_id, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE evidence (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    PRIMARY KEY (event_id, field)
) STRICT, WITHOUT ROWID;

INSERT INTO claims
    SELECT e.id, c.key, c.value ->> 0, c.value ->> 1, c.value ->> 2, c.value ->> 3, c.value ->> 4,
           c.value ->> 5, c.value ->> 6, c.value ->> 7, c.value ->> 8, c.value ->> 9, c.value ->> 10
    FROM events e, json_each(e.claims_json) c;
INSERT INTO evidence
    SELECT e.id, v.key, v.value ->> 0, v.value ->> 1
    FROM events e, json_each(e.evidence_json) v;

ALTER TABLE events DROP COLUMN evidence_json;
ALTER TABLE events DROP COLUMN claims_json;

DROP INDEX incidents_candidates;
CREATE INDEX incidents_candidates ON incidents (iso3, event_date, admin1, version) WHERE state = 'live';

CREATE INDEX claims_kind ON claims (kind);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX events_country ON events (country);
CREATE INDEX events_iso3_date ON events (iso3, event_date);
CREATE INDEX events_event_date ON events (event_date);

-- +goose StatementBegin
CREATE TRIGGER events_rtree_insert AFTER INSERT ON events
WHEN new.latitude <> 0 OR new.longitude <> 0 BEGIN
    INSERT INTO events_rtree VALUES (new.id, new.latitude, new.latitude, new.longitude, new.longitude);
END;
-- +goose StatementEnd
