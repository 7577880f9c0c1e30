-- An event placed at the unit around a place the gazetteer does not know
-- ("the village of Zorbat", placed at its district) keeps the name the
-- text gives the place (sitrep.Place.Named): reconciling tells two such
-- reports apart by it. Events stored before have none.

-- +goose Up
ALTER TABLE events ADD COLUMN named TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE events DROP COLUMN named;
