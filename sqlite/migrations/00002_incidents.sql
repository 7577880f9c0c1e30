-- Incidents: one event as told by every report of it, with its versions,
-- the redirects merges leave, the deletions clients pull, and the reports
-- reviewers pinned to an incident.

-- +goose Up

-- fingerprint is a near-duplicate signature of the text (package
-- reconcile makes it; the store keeps the bytes).
ALTER TABLE documents ADD COLUMN fingerprint BLOB;

-- id is never reused (AUTOINCREMENT): clients keep ids, and a redirect must
-- never point at a different incident later.
-- state: 'new' while an id is reserved but not yet saved, 'live', or
-- 'deleted' (redirect_to set when it was merged into another).
-- The columns after hash copy fields of the current snapshot that queries
-- filter on; snapshot is the current version's JSON.
CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    state       TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'live', 'deleted')),
    redirect_to INTEGER REFERENCES incidents (id),
    version     INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL DEFAULT '',   -- SHA-256 of the content, to skip saves that change nothing
    event_type  TEXT NOT NULL DEFAULT '',
    iso3        TEXT NOT NULL DEFAULT '',
    admin1      TEXT NOT NULL DEFAULT '',
    event_date  TEXT NOT NULL DEFAULT '',
    latitude    REAL NOT NULL DEFAULT 0,
    longitude   REAL NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT '',   -- fixed-width UTC timestamps: they sort as text
    updated_at  TEXT NOT NULL DEFAULT '',
    snapshot    TEXT CHECK (snapshot IS NULL OR json_valid(snapshot))
) STRICT;

-- Candidates for matching: one country, a window of event dates.
CREATE INDEX incidents_candidates ON incidents (iso3, event_date) WHERE state = 'live';
-- "Updated since T".
CREATE INDEX incidents_updated ON incidents (updated_at) WHERE state = 'live';
CREATE INDEX incidents_event_date ON incidents (event_date) WHERE state = 'live';

-- incidents_rtree holds the point of every live incident that has one.
CREATE VIRTUAL TABLE incidents_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);

-- Each event belongs to at most one incident: it is one report of it.
ALTER TABLE events ADD COLUMN incident INTEGER REFERENCES incidents (id);
CREATE INDEX events_incident ON events (incident);

-- Every saved state of every incident. kind says what caused it: 'report',
-- 'reprocess', 'correction', 'split' or 'merge'; doc_id the document, or
-- reviewer and note the person. Versions by a reviewer are the corrections
-- log.
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

CREATE INDEX incident_versions_reviewer ON incident_versions (reviewer) WHERE reviewer <> '';

-- The deletions feed: incidents merged into others (redirect_to) or left
-- without reports.
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

-- A reviewer's assignment of a document's event to an incident, which
-- reprocessing and matching respect.
CREATE TABLE pins (
    doc_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    incident INTEGER NOT NULL REFERENCES incidents (id),
    PRIMARY KEY (doc_id, ord)
) STRICT, WITHOUT ROWID;

-- +goose Down
DROP TABLE pins;
DROP TABLE deletions;
DROP TABLE incident_versions;
DROP INDEX events_incident;
ALTER TABLE events DROP COLUMN incident;
DROP TABLE incidents_rtree;
DROP TABLE incidents;
ALTER TABLE documents DROP COLUMN fingerprint;
