-- Generated from migrations/ by TestSchemaTemplate (template_test.go); do not edit.
-- The schema the migrations leave in a new database (see template.go).

CREATE TABLE goose_db_version (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		version_id INTEGER NOT NULL,
		is_applied INTEGER NOT NULL,
		tstamp TIMESTAMP DEFAULT (datetime('now'))
	);

CREATE TABLE documents (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    url        TEXT NOT NULL DEFAULT '',
    hash       TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    published  TEXT,             -- RFC 3339 with the outlet's offset; NULL when unknown
    outlet     TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL DEFAULT '',
    lang       TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT '',
    raw        TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL DEFAULT '',
    dateline   TEXT CHECK (dateline IS NULL OR json_valid(dateline)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
, fingerprint BLOB, unresolved TEXT CHECK (unresolved IS NULL OR json_valid(unresolved)), raw_text_at INTEGER, raw_text_form INTEGER CHECK (raw_text_form IN (1, 2, 3))) STRICT;

CREATE UNIQUE INDEX documents_url ON documents (url) WHERE url <> '';

CREATE UNIQUE INDEX documents_hash ON documents (hash);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    doc_id          TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL, -- 0 is the document's main event
    event_type      TEXT NOT NULL DEFAULT '',
    sub_event_type  TEXT NOT NULL DEFAULT '',
    cameo           TEXT NOT NULL DEFAULT '',
    plover          TEXT NOT NULL DEFAULT '',
    actor1          TEXT NOT NULL DEFAULT '',
    assoc_actor_1   TEXT NOT NULL DEFAULT '',
    inter1          INTEGER NOT NULL DEFAULT 0,
    actor2          TEXT NOT NULL DEFAULT '',
    assoc_actor_2   TEXT NOT NULL DEFAULT '',
    inter2          INTEGER NOT NULL DEFAULT 0,
    interaction     INTEGER NOT NULL DEFAULT 0,
    location        TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL DEFAULT '',
    iso3            TEXT NOT NULL DEFAULT '',
    admin1          TEXT NOT NULL DEFAULT '',
    admin2          TEXT NOT NULL DEFAULT '',
    geonameid       INTEGER NOT NULL DEFAULT 0,
    latitude        REAL NOT NULL DEFAULT 0,
    longitude       REAL NOT NULL DEFAULT 0,
    geo_precision   INTEGER NOT NULL DEFAULT 0,
    event_date      TEXT NOT NULL DEFAULT '',
    date_end        TEXT NOT NULL DEFAULT '',
    time_precision  INTEGER NOT NULL DEFAULT 0,
    fatalities      INTEGER NOT NULL DEFAULT 0,
    fatalities_low  INTEGER,          -- NULL: no figure was given
    fatalities_high INTEGER,
    notes           TEXT NOT NULL DEFAULT '', incident INTEGER REFERENCES incidents (id), claims_json TEXT, evidence_json TEXT, named TEXT NOT NULL DEFAULT '',
    UNIQUE (doc_id, ord)              -- also the index the foreign key needs
) STRICT;

CREATE INDEX events_incident ON events (incident);

CREATE TABLE deletions (
    seq         INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    at          TEXT NOT NULL,
    redirect_to INTEGER REFERENCES incidents (id),
    kind        TEXT NOT NULL,
    doc_id      TEXT NOT NULL DEFAULT '',
    reviewer    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX deletions_at ON deletions (at);

CREATE TABLE pins (
    doc_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    incident INTEGER NOT NULL REFERENCES incidents (id),
    PRIMARY KEY (doc_id, ord)
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE incidents_spacetime USING rtree (id, min_lat, max_lat, min_lon, max_lon, min_day, max_day);

CREATE TABLE gazetteer_entries (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,          -- the file it came from
    geonameid   INTEGER NOT NULL DEFAULT 0, -- 0 for a user's own place
    name        TEXT    NOT NULL,
    entry       TEXT    NOT NULL,          -- the entry as JSON
    imported_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE UNIQUE INDEX gazetteer_entries_geonameid ON gazetteer_entries (geonameid) WHERE geonameid != 0;

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

CREATE INDEX incidents_fatalities ON incidents (fatalities, id) WHERE state = 'live';

CREATE INDEX incidents_date_id ON incidents (event_date, id) WHERE state = 'live';

CREATE INDEX incidents_updated_id ON incidents (updated_at, id) WHERE state = 'live';

CREATE INDEX incidents_candidates ON incidents (iso3, event_date, admin1, version, latitude, longitude)
    WHERE state = 'live';

CREATE VIEW claims (event_id, ord, claimant, outlet, kind, count_low, count_high, qualifier,
                    victims, span_start, span_end, denied, hedged) AS
    SELECT e.id, c.key, c.value ->> 0, c.value ->> 1, c.value ->> 2, c.value ->> 3, c.value ->> 4,
           c.value ->> 5, c.value ->> 6, c.value ->> 7, c.value ->> 8, c.value ->> 9, c.value ->> 10
    FROM events e, json_each(e.claims_json) c;

CREATE VIEW evidence (event_id, field, span_start, span_end) AS
    SELECT e.id, v.key, v.value ->> 0, v.value ->> 1
    FROM events e, json_each(e.evidence_json) v;

CREATE TABLE "incident_versions" (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    version     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    doc_id      TEXT NOT NULL DEFAULT '',
    reviewer    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    snapshot    TEXT,
    PRIMARY KEY (incident_id, version)
) STRICT;

CREATE INDEX incident_versions_reviewer ON incident_versions (reviewer) WHERE reviewer <> '';

CREATE TRIGGER documents_raw_text BEFORE UPDATE OF text ON documents
WHEN old.raw_text_at IS NOT NULL AND new.raw_text_at IS NOT NULL AND new.text IS NOT old.text BEGIN
    SELECT RAISE(ABORT, 'documents.raw leaves the text out (raw_text_at): store raw whole before changing text');
END;

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'seq',
    detail = none, columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE VIRTUAL TABLE incidents_fts USING fts5 (
    notes,
    content = '', contentless_delete = 1,
    detail = none,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO sqlite_sequence (name, seq) VALUES ('incidents', 0);

INSERT INTO goose_db_version (version_id, is_applied) VALUES
(0, 1),
(1, 1),
(2, 1),
(3, 1),
(4, 1),
(5, 1),
(6, 1),
(7, 1),
(9, 1),
(10, 1),
(11, 1),
(12, 1),
(13, 1),
(14, 1),
(15, 1),
(16, 1);
