-- What the API filters and sorts incidents on, beyond what matching
-- needs: columns computed from the current snapshot (VIRTUAL, so the
-- write path is unchanged and nothing can drift from the snapshot), indexes
-- for the sorts, and a full-text index over the notes.

-- +goose Up

ALTER TABLE incidents ADD COLUMN sub_event_type TEXT
    GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.sub_event_type'), '')) VIRTUAL;
ALTER TABLE incidents ADD COLUMN fatalities INTEGER
    GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.fatalities'), 0)) VIRTUAL;
ALTER TABLE incidents ADD COLUMN inter1 INTEGER
    GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.inter1'), 0)) VIRTUAL;
ALTER TABLE incidents ADD COLUMN inter2 INTEGER
    GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.inter2'), 0)) VIRTUAL;
ALTER TABLE incidents ADD COLUMN grade TEXT
    GENERATED ALWAYS AS (coalesce(json_extract(snapshot, '$.grade'), '')) VIRTUAL;
-- actors holds actor1, actor2 and the associated actors in lower case, one
-- a line, for substring search.
ALTER TABLE incidents ADD COLUMN actors TEXT
    GENERATED ALWAYS AS (lower(
        coalesce(json_extract(snapshot, '$.actor1'), '') || char(10) ||
        coalesce(json_extract(snapshot, '$.actor2'), '') || char(10) ||
        coalesce(json_extract(snapshot, '$.assoc_actor_1'), '') || char(10) ||
        coalesce(json_extract(snapshot, '$.assoc_actor_2'), ''))) VIRTUAL;

-- The sorts page by (key, id).
CREATE INDEX incidents_fatalities ON incidents (fatalities, id) WHERE state = 'live';
CREATE INDEX incidents_date_id ON incidents (event_date, id) WHERE state = 'live';
CREATE INDEX incidents_updated_id ON incidents (updated_at, id) WHERE state = 'live';

-- incidents_fts indexes the notes of live incidents (rowid = incident id).
-- Report text is searched through documents_fts.
CREATE VIRTUAL TABLE incidents_fts USING fts5 (
    notes,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO incidents_fts (rowid, notes)
    SELECT id, json_extract(snapshot, '$.notes') FROM incidents
    WHERE state = 'live' AND snapshot IS NOT NULL;

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

-- +goose Down
DROP TRIGGER incidents_fts_delete;
DROP TRIGGER incidents_fts_insert;
DROP TRIGGER incidents_fts_update;
DROP TABLE incidents_fts;
DROP INDEX incidents_updated_id;
DROP INDEX incidents_date_id;
DROP INDEX incidents_fatalities;
ALTER TABLE incidents DROP COLUMN actors;
ALTER TABLE incidents DROP COLUMN grade;
ALTER TABLE incidents DROP COLUMN inter2;
ALTER TABLE incidents DROP COLUMN inter1;
ALTER TABLE incidents DROP COLUMN fatalities;
ALTER TABLE incidents DROP COLUMN sub_event_type;
