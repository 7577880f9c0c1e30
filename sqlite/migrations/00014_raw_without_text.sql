-- A document's raw input usually holds its text: a line of JSON Lines
-- holds it as a JSON string, a plain text file as it is. Stored whole,
-- the input doubled what storing a document wrote. Now documents.raw
-- leaves the text out when it can be written back exactly: raw_text_at is
-- then the byte offset in raw where the text goes, and raw_text_form how
-- it is written there:
--
--   1  as it is;
--   2  inside a JSON string, as JSON requires and SQLite's json_quote
--      writes it ('"', '\' and control characters escaped);
--   3  as 2, and <, >, &, U+2028 and U+2029 escaped as \u003c, \u003e,
--      \u0026, \u2028 and \u2029, as Go's encoding/json writes it.
--
-- NULL is a raw input stored whole, as every document stored before is.
-- Package sqlite (rawtext.go) splits and joins; the down step below does
-- it in SQL. The text of a document whose raw leaves it out must not
-- change while it does: the trigger refuses.

-- +goose Up
ALTER TABLE documents ADD COLUMN raw_text_at INTEGER;
ALTER TABLE documents ADD COLUMN raw_text_form INTEGER CHECK (raw_text_form IN (1, 2, 3));

-- +goose StatementBegin
CREATE TRIGGER documents_raw_text BEFORE UPDATE OF text ON documents
WHEN old.raw_text_at IS NOT NULL AND new.raw_text_at IS NOT NULL AND new.text IS NOT old.text BEGIN
    SELECT RAISE(ABORT, 'documents.raw leaves the text out (raw_text_at): store raw whole before changing text');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER documents_raw_text;
UPDATE documents SET raw =
    CAST(substr(CAST(raw AS BLOB), 1, raw_text_at) AS TEXT) ||
    CASE raw_text_form
        WHEN 1 THEN text
        WHEN 2 THEN substr(json_quote(text), 2, length(json_quote(text)) - 2)
        ELSE replace(replace(replace(replace(replace(substr(json_quote(text), 2, length(json_quote(text)) - 2),
            '<', '\u003c'), '>', '\u003e'), '&', '\u0026'), char(8232), '\u2028'), char(8233), '\u2029')
    END ||
    CAST(substr(CAST(raw AS BLOB), raw_text_at + 1) AS TEXT)
WHERE raw_text_at IS NOT NULL;
ALTER TABLE documents DROP COLUMN raw_text_form;
ALTER TABLE documents DROP COLUMN raw_text_at;
