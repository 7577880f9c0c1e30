-- Documents are indexed for full-text search when their transaction
-- commits, all at once, rather than row by row through a trigger: FTS5
-- writes its pending index data to disk at every statement savepoint, so
-- the trigger made one index segment, and merge work, per document however
-- large the batch. The store's writer (package sqlite, writeTx.commit)
-- inserts the rows of the documents it stored into documents_fts before
-- every commit; anything else that inserts documents must do the same.
-- Updates and deletes keep their triggers: they are rare.

-- +goose Up
DROP TRIGGER documents_fts_insert;

-- +goose Down
-- +goose StatementBegin
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
-- +goose StatementEnd
