-- incidents_fts kept a copy of every live incident's notes, which no
-- query reads (they search it for incident ids; the notes are in the
-- snapshot), and the writer paid to store it and, to take an incident's
-- entry out, to read it back and tokenize it again. It is now contentless,
-- with deletes (contentless_delete, SQLite 3.43): it holds the index alone.

-- +goose Up
DROP TABLE incidents_fts;
CREATE VIRTUAL TABLE incidents_fts USING fts5 (
    notes,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO incidents_fts (rowid, notes)
    SELECT id, snapshot ->> '$.notes' FROM incidents
    WHERE state = 'live' AND snapshot IS NOT NULL ORDER BY id;

-- +goose Down
DROP TABLE incidents_fts;
CREATE VIRTUAL TABLE incidents_fts USING fts5 (
    notes,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO incidents_fts (rowid, notes)
    SELECT id, snapshot ->> '$.notes' FROM incidents
    WHERE state = 'live' AND snapshot IS NOT NULL ORDER BY id;
