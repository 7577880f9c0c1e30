-- Initial schema: documents, events, claims, evidence, plus a full-text
-- index over documents and a spatial index over events.

-- +goose Up

-- documents keeps id as the key every other table and the API use, but the
-- table's rowid is the explicit seq column: FTS5 external content points at
-- rowids, and only an INTEGER PRIMARY KEY rowid survives VACUUM unchanged.
-- seq also orders documents oldest first.
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
) STRICT;

-- One story is stored once: by URL when it has one, always by content hash.
CREATE UNIQUE INDEX documents_url ON documents (url) WHERE url <> '';
CREATE UNIQUE INDEX documents_hash ON documents (hash);
CREATE INDEX documents_published ON documents (published);

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
    notes           TEXT NOT NULL DEFAULT '',
    UNIQUE (doc_id, ord)              -- also the index the foreign key needs
) STRICT;

CREATE INDEX events_event_date ON events (event_date);
CREATE INDEX events_iso3_date ON events (iso3, event_date);
CREATE INDEX events_country ON events (country);

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

CREATE INDEX claims_kind ON claims (kind);

CREATE TABLE evidence (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    PRIMARY KEY (event_id, field)
) STRICT, WITHOUT ROWID;

-- documents_fts indexes titles and texts without a second copy of them
-- (external content); the triggers below keep it in step with documents.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- +goose StatementBegin
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
-- +goose StatementEnd

-- events_rtree answers bounding-box queries. It holds only events with a
-- position: (0, 0) is how an unplaced event reads, never a real one.
-- R*Tree stores 32-bit floats, so widen a query box by about 1e-5 degrees.
CREATE VIRTUAL TABLE events_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);

-- +goose StatementBegin
CREATE TRIGGER events_rtree_insert AFTER INSERT ON events
WHEN new.latitude <> 0 OR new.longitude <> 0 BEGIN
    INSERT INTO events_rtree VALUES (new.id, new.latitude, new.latitude, new.longitude, new.longitude);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER events_rtree_delete AFTER DELETE ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER events_rtree_update AFTER UPDATE OF latitude, longitude ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.id;
    INSERT INTO events_rtree
        SELECT new.id, new.latitude, new.latitude, new.longitude, new.longitude
        WHERE new.latitude <> 0 OR new.longitude <> 0;
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE events_rtree;
DROP TABLE documents_fts;
DROP TABLE evidence;
DROP TABLE claims;
DROP TABLE events;
DROP TABLE documents;
