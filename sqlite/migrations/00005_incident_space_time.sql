-- incidents_spacetime indexes live incidents by place and event date
-- together, so that a query for a box and a date range reads only the
-- incidents inside both: with the 2-D incidents_rtree alone, a small box
-- over ten years of data reads every incident of those ten years there.
-- Days are Julian day numbers of event_date (0 when it has none); the
-- table keeps 32-bit floats, so queries widen their bounds by a day.
-- Unplaced incidents (0, 0) are left out, as in incidents_rtree.

-- +goose Up
CREATE VIRTUAL TABLE incidents_spacetime USING rtree (id, min_lat, max_lat, min_lon, max_lon, min_day, max_day);

INSERT INTO incidents_spacetime
    SELECT id, latitude, latitude, longitude, longitude,
           coalesce(julianday(nullif(event_date, '')), 0), coalesce(julianday(nullif(event_date, '')), 0)
    FROM incidents WHERE state = 'live' AND (latitude <> 0 OR longitude <> 0);

-- +goose StatementBegin
CREATE TRIGGER incidents_spacetime_update AFTER UPDATE OF state, latitude, longitude, event_date ON incidents BEGIN
    DELETE FROM incidents_spacetime WHERE id = old.id;
    INSERT INTO incidents_spacetime
        SELECT new.id, new.latitude, new.latitude, new.longitude, new.longitude,
               coalesce(julianday(nullif(new.event_date, '')), 0), coalesce(julianday(nullif(new.event_date, '')), 0)
        WHERE new.state = 'live' AND (new.latitude <> 0 OR new.longitude <> 0);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER incidents_spacetime_insert AFTER INSERT ON incidents
WHEN new.state = 'live' AND (new.latitude <> 0 OR new.longitude <> 0) BEGIN
    INSERT INTO incidents_spacetime VALUES (new.id, new.latitude, new.latitude, new.longitude, new.longitude,
        coalesce(julianday(nullif(new.event_date, '')), 0), coalesce(julianday(nullif(new.event_date, '')), 0));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER incidents_spacetime_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incidents_spacetime WHERE id = old.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER incidents_spacetime_delete;
DROP TRIGGER incidents_spacetime_insert;
DROP TRIGGER incidents_spacetime_update;
DROP TABLE incidents_spacetime;
