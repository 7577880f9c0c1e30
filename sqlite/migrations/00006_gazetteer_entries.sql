-- +goose Up
-- Places users add to the gazetteer (sitrep gazetteer import): full
-- GeoNames dumps, country files, their own CSV. Every command that works on
-- this database layers them over the embedded index.
CREATE TABLE gazetteer_entries (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,          -- the file it came from
    geonameid   INTEGER NOT NULL DEFAULT 0, -- 0 for a user's own place
    name        TEXT    NOT NULL,
    entry       TEXT    NOT NULL,          -- the entry as JSON
    imported_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
-- A GeoNames place imported twice (a country file, then allCountries) is
-- kept once, the later import winning.
CREATE UNIQUE INDEX gazetteer_entries_geonameid ON gazetteer_entries (geonameid) WHERE geonameid != 0;

-- +goose Down
DROP TABLE gazetteer_entries;
