-- The full-text indexes answer one kind of query: incidents whose notes,
-- or whose reports' title or text, hold every word asked for, each whole
-- or as a prefix (package sqlite, searchWords). No query asks for a
-- phrase, a column or a rank. The indexes now keep, for each word, the
-- rows that hold it and nothing else (detail=none, columnsize=0), rather
-- than every position of it in every column, and the length of every
-- column of every row: the positions were most of what the store's writer
-- wrote to documents_fts, the biggest index it keeps.

-- +goose Up
DROP TRIGGER documents_fts_delete;
DROP TRIGGER documents_fts_update;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'seq',
    detail = none, columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (rowid, title, text) SELECT seq, title, text FROM documents ORDER BY seq;

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

DROP TABLE incidents_fts;
CREATE VIRTUAL TABLE incidents_fts USING fts5 (
    notes,
    content = '', contentless_delete = 1,
    detail = none,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO incidents_fts (rowid, notes)
    SELECT id, snapshot ->> '$.notes' FROM incidents
    WHERE state = 'live' AND snapshot IS NOT NULL ORDER BY id;

-- +goose Down
DROP TRIGGER documents_fts_delete;
DROP TRIGGER documents_fts_update;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (rowid, title, text) SELECT seq, title, text FROM documents ORDER BY seq;

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

DROP TABLE incidents_fts;
CREATE VIRTUAL TABLE incidents_fts USING fts5 (
    notes,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO incidents_fts (rowid, notes)
    SELECT id, snapshot ->> '$.notes' FROM incidents
    WHERE state = 'live' AND snapshot IS NOT NULL ORDER BY id;
