-- Saving an incident costs one UPDATE of its row, and that statement did
-- far more than write the row: the notes' full-text trigger (FTS5 writes
-- its pending index data to disk at every statement: one segment per
-- save), the space-time R*Tree triggers, the query columns computed from
-- the JSON snapshot for their indexes and the triggers, and a json_valid
-- CHECK on 2.5 KB of snapshot, twice (incidents and incident_versions).
-- Ingest saves an incident for nearly every event it stores, so these were
-- the largest part of its writing. Now:
--
--   - the store's writer (package sqlite, writeTx.commit) brings
--     incidents_fts and incidents_spacetime up to date for the incidents a
--     transaction saved or deleted, once, just before it commits; anything
--     else that writes incidents must do the same;
--   - the query columns are plain columns, with the same names and values,
--     that Save writes from the incident it encodes as the snapshot;
--   - snapshots are not validated as JSON: the store writes them with
--     encoding/json.
--
-- Dropping a CHECK or turning a generated column into a plain one needs
-- the table rebuilt. Other tables refer to incidents, so it is not
-- renamed (that would rewrite their foreign keys to follow it): its rows
-- wait in a temporary table while it is dropped and created again, with
-- foreign keys checked at commit, by which time every row is back.

-- +goose Up
PRAGMA defer_foreign_keys = ON;

DROP TRIGGER incidents_fts_update;
DROP TRIGGER incidents_fts_insert;
DROP TRIGGER incidents_fts_delete;
DROP TRIGGER incidents_spacetime_update;
DROP TRIGGER incidents_spacetime_insert;
DROP TRIGGER incidents_spacetime_delete;

-- The generated columns' values are copied as plain values.
CREATE TEMP TABLE incidents_copy AS SELECT
    id, state, redirect_to, version, hash, event_type, iso3, admin1, event_date,
    latitude, longitude, created_at, updated_at, snapshot,
    sub_event_type, fatalities, inter1, inter2, grade, actors
FROM incidents;
-- AUTOINCREMENT's high-water mark goes with the table.
CREATE TEMP TABLE incidents_seq AS SELECT seq FROM sqlite_sequence WHERE name = 'incidents';
DROP TABLE incidents;

-- See 00002 and 00003 for what the columns hold. actors holds actor1,
-- actor2 and the associated actors lowered by SQLite's lower (ASCII
-- letters only), one a line, for substring search.
CREATE TABLE incidents (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    state          TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'live', 'deleted')),
    redirect_to    INTEGER REFERENCES incidents (id),
    version        INTEGER NOT NULL DEFAULT 0,
    hash           TEXT NOT NULL DEFAULT '',
    event_type     TEXT NOT NULL DEFAULT '',
    iso3           TEXT NOT NULL DEFAULT '',
    admin1         TEXT NOT NULL DEFAULT '',
    event_date     TEXT NOT NULL DEFAULT '',
    latitude       REAL NOT NULL DEFAULT 0,
    longitude      REAL NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL DEFAULT '',
    snapshot       TEXT,
    sub_event_type TEXT NOT NULL DEFAULT '',
    fatalities     INTEGER NOT NULL DEFAULT 0,
    inter1         INTEGER NOT NULL DEFAULT 0,
    inter2         INTEGER NOT NULL DEFAULT 0,
    grade          TEXT NOT NULL DEFAULT '',
    actors         TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO incidents SELECT * FROM temp.incidents_copy ORDER BY id;
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'incidents', seq FROM temp.incidents_seq
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'incidents');
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM temp.incidents_seq))
    WHERE name = 'incidents' AND EXISTS (SELECT 1 FROM temp.incidents_seq);
DROP TABLE temp.incidents_seq;
DROP TABLE temp.incidents_copy;

-- Matching reads its candidates from the index alone: admin1 and version
-- are what it needs beyond the id, and an incident's row, which holds its
-- snapshot, spans a page.
CREATE INDEX incidents_candidates ON incidents (iso3, event_date, admin1, version) WHERE state = 'live';
CREATE INDEX incidents_fatalities ON incidents (fatalities, id) WHERE state = 'live';
CREATE INDEX incidents_date_id ON incidents (event_date, id) WHERE state = 'live';
CREATE INDEX incidents_updated_id ON incidents (updated_at, id) WHERE state = 'live';
-- incidents_updated (updated_at) and incidents_event_date (event_date) are
-- not made again: an index entry ends with the rowid, the id, so they held
-- what incidents_updated_id and incidents_date_id hold, and every save
-- wrote both copies.

-- Nothing refers to incident_versions.
CREATE TEMP TABLE incident_versions_copy AS SELECT * FROM incident_versions;
DROP TABLE incident_versions;
CREATE TABLE incident_versions (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    version     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    doc_id      TEXT NOT NULL DEFAULT '',
    reviewer    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    snapshot    TEXT NOT NULL,
    PRIMARY KEY (incident_id, version)
) STRICT;
INSERT INTO incident_versions SELECT * FROM temp.incident_versions_copy;
DROP TABLE temp.incident_versions_copy;
CREATE INDEX incident_versions_reviewer ON incident_versions (reviewer) WHERE reviewer <> '';

-- +goose Down
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE incident_versions_copy AS SELECT * FROM incident_versions;
DROP TABLE incident_versions;
CREATE TABLE incident_versions (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    version     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    doc_id      TEXT NOT NULL DEFAULT '',
    reviewer    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    snapshot    TEXT NOT NULL CHECK (json_valid(snapshot)),
    PRIMARY KEY (incident_id, version)
) STRICT;
INSERT INTO incident_versions SELECT * FROM temp.incident_versions_copy;
DROP TABLE temp.incident_versions_copy;
CREATE INDEX incident_versions_reviewer ON incident_versions (reviewer) WHERE reviewer <> '';

CREATE TEMP TABLE incidents_copy AS SELECT
    id, state, redirect_to, version, hash, event_type, iso3, admin1, event_date,
    latitude, longitude, created_at, updated_at, snapshot
FROM incidents;
CREATE TEMP TABLE incidents_seq AS SELECT seq FROM sqlite_sequence WHERE name = 'incidents';
DROP TABLE incidents;
CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    state       TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'live', 'deleted')),
    redirect_to INTEGER REFERENCES incidents (id),
    version     INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL DEFAULT '',
    event_type  TEXT NOT NULL DEFAULT '',
    iso3        TEXT NOT NULL DEFAULT '',
    admin1      TEXT NOT NULL DEFAULT '',
    event_date  TEXT NOT NULL DEFAULT '',
    latitude    REAL NOT NULL DEFAULT 0,
    longitude   REAL NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    snapshot    TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
    sub_event_type TEXT
        GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.sub_event_type'), '')) VIRTUAL,
    fatalities INTEGER
        GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.fatalities'), 0)) VIRTUAL,
    inter1 INTEGER
        GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.inter1'), 0)) VIRTUAL,
    inter2 INTEGER
        GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.inter2'), 0)) VIRTUAL,
    grade TEXT
        GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.grade'), '')) VIRTUAL,
    actors TEXT
        GENERATED ALWAYS AS (lower(
            coalesce(json_extract(snapshot, '$.actor1'), '') || char(10) ||
            coalesce(json_extract(snapshot, '$.actor2'), '') || char(10) ||
            coalesce(json_extract(snapshot, '$.assoc_actor_1'), '') || char(10) ||
            coalesce(json_extract(snapshot, '$.assoc_actor_2'), ''))) VIRTUAL
) STRICT;
INSERT INTO incidents (id, state, redirect_to, version, hash, event_type, iso3, admin1, event_date,
        latitude, longitude, created_at, updated_at, snapshot)
    SELECT * FROM temp.incidents_copy ORDER BY id;
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'incidents', seq FROM temp.incidents_seq
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'incidents');
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM temp.incidents_seq))
    WHERE name = 'incidents' AND EXISTS (SELECT 1 FROM temp.incidents_seq);
DROP TABLE temp.incidents_seq;
DROP TABLE temp.incidents_copy;

CREATE INDEX incidents_candidates ON incidents (iso3, event_date) WHERE state = 'live';
CREATE INDEX incidents_updated ON incidents (updated_at) WHERE state = 'live';
CREATE INDEX incidents_event_date ON incidents (event_date) WHERE state = 'live';
CREATE INDEX incidents_fatalities ON incidents (fatalities, id) WHERE state = 'live';
CREATE INDEX incidents_date_id ON incidents (event_date, id) WHERE state = 'live';
CREATE INDEX incidents_updated_id ON incidents (updated_at, id) WHERE state = 'live';

-- +goose StatementBegin
CREATE TRIGGER incidents_fts_update AFTER UPDATE OF snapshot, state ON incidents BEGIN
    DELETE FROM incidents_fts WHERE rowid = old.id;
    INSERT INTO incidents_fts (rowid, notes)
        SELECT new.id, json_extract(new.snapshot, '$.notes')
        WHERE new.state = 'live' AND new.snapshot IS NOT NULL;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents
WHEN new.state = 'live' AND new.snapshot IS NOT NULL BEGIN
    INSERT INTO incidents_fts (rowid, notes) VALUES (new.id, json_extract(new.snapshot, '$.notes'));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incidents_fts WHERE rowid = old.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER incidents_spacetime_update AFTER UPDATE OF state, latitude, longitude, event_date ON incidents BEGIN
    DELETE FROM incidents_spacetime WHERE id = old.id;
    INSERT INTO incidents_spacetime
        SELECT new.id, new.latitude, new.latitude, new.longitude, new.longitude,
               coalesce(julianday(nullif(new.event_date, '')), 0), coalesce(julianday(nullif(new.event_date, '')), 0)
        WHERE new.state = 'live' AND (new.latitude <> 0 OR new.longitude <> 0);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER incidents_spacetime_insert AFTER INSERT ON incidents
WHEN new.state = 'live' AND (new.latitude <> 0 OR new.longitude <> 0) BEGIN
    INSERT INTO incidents_spacetime VALUES (new.id, new.latitude, new.latitude, new.longitude, new.longitude,
        coalesce(julianday(nullif(new.event_date, '')), 0), coalesce(julianday(nullif(new.event_date, '')), 0));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER incidents_spacetime_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incidents_spacetime WHERE id = old.id;
END;
-- +goose StatementEnd
