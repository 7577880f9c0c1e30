-- Names that read as places but that the gazetteer could not place are
-- kept with their document, not dropped, so that a user can add them to
-- the gazetteer and reprocess: a JSON array of {name, span, fallback}
-- (spans in bytes, as everywhere in the store), NULL when there are none.
-- `sitrep gazetteer unresolved` lists them by name.

-- +goose Up
ALTER TABLE documents ADD COLUMN unresolved TEXT CHECK (unresolved IS NULL OR json_valid(unresolved));

-- +goose Down
ALTER TABLE documents DROP COLUMN unresolved;
