-- Every save wrote the incident's snapshot twice: into incidents, as the
-- current state, and into the new row of incident_versions. The copy in
-- incident_versions was read only when somebody asked for that version,
-- and a sixth of what an ingest wrote to disk was these copies.
--
-- Now the current version's row in incident_versions has no snapshot
-- (NULL): the snapshot is the one in incidents. When a save supersedes
-- that version, the writer (package sqlite, incidentTx.Save) first moves
-- the incident's snapshot into the superseded version's row, so every
-- earlier version keeps its own. Reading version n of incident i is
-- COALESCE(incident_versions.snapshot, incidents.snapshot). Deleting an
-- incident changes neither its version nor its snapshot.
--
-- Taking this migration back writes the current snapshots back into
-- their version rows.

-- +goose Up
CREATE TABLE incident_versions_new (
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
INSERT INTO incident_versions_new
    SELECT v.incident_id, v.version, v.at, v.kind, v.doc_id, v.reviewer, v.note,
        CASE WHEN v.version = i.version AND i.snapshot IS NOT NULL THEN NULL ELSE v.snapshot END
    FROM incident_versions v JOIN incidents i ON i.id = v.incident_id;
DROP TABLE incident_versions;
ALTER TABLE incident_versions_new RENAME TO incident_versions;
CREATE INDEX incident_versions_reviewer ON incident_versions (reviewer) WHERE reviewer <> '';

-- +goose Down
CREATE TABLE incident_versions_old (
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
INSERT INTO incident_versions_old
    SELECT v.incident_id, v.version, v.at, v.kind, v.doc_id, v.reviewer, v.note,
        COALESCE(v.snapshot, i.snapshot)
    FROM incident_versions v JOIN incidents i ON i.id = v.incident_id;
DROP TABLE incident_versions;
ALTER TABLE incident_versions_old RENAME TO incident_versions;
CREATE INDEX incident_versions_reviewer ON incident_versions (reviewer) WHERE reviewer <> '';
