-- events_rtree (migration 00001) and incidents_rtree (00002) are written
-- by every ingest and read by no query: the API's box and radius filters
-- go through incidents_spacetime (00005), and matching tests its box on
-- the columns of incidents_candidates (00009). Keeping them up to date was
-- a sixth of what the store's writer did at commit (BenchmarkFAKES/store
-- in cmd/sitrep). The triggers that kept events_rtree in step with
-- updates and deletes of events go with it; the commit-time inserts of
-- the writer (package sqlite, writeTx.commit) are gone too.
--
-- Taking this migration back builds both tables again from the rows, as
-- the writer kept them: every event, and every live incident, with a
-- position other than (0, 0).

-- +goose Up
DROP TRIGGER events_rtree_delete;
DROP TRIGGER events_rtree_update;
DROP TABLE events_rtree;
DROP TABLE incidents_rtree;

-- +goose Down
CREATE VIRTUAL TABLE events_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);
INSERT INTO events_rtree
    SELECT id, latitude, latitude, longitude, longitude FROM events
    WHERE latitude <> 0 OR longitude <> 0;

-- +goose StatementBegin
CREATE TRIGGER events_rtree_delete AFTER DELETE ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER events_rtree_update AFTER UPDATE OF latitude, longitude ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.id;
    INSERT INTO events_rtree
        SELECT new.id, new.latitude, new.latitude, new.longitude, new.longitude
        WHERE new.latitude <> 0 OR new.longitude <> 0;
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE incidents_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);
INSERT INTO incidents_rtree
    SELECT id, latitude, latitude, longitude, longitude FROM incidents
    WHERE state = 'live' AND (latitude <> 0 OR longitude <> 0);
