-- Positions in the list order (created_at, id). A page deep in the list skipped every user
-- before it in the order index: page 5,000 of 100 skipped 499,900 entries (60-100 ms at a
-- million users). The order is cut into ranges, each with its exact number of users, kept in
-- the writers' transactions as row_counts is; a page starts at the range that holds its offset
-- and skips less than one range.
CREATE TABLE user_ranges (
    start_at  timestamptz NOT NULL,
    start_id  text NOT NULL,
    users     bigint NOT NULL,
    PRIMARY KEY (start_at, start_id)
);

-- Cuts the whole order afresh: ranges of 10,000 users, the first from -infinity so that every
-- key falls in one. For the migration and for bulk loads that disable the triggers below.
CREATE FUNCTION user_ranges_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM user_ranges;
    INSERT INTO user_ranges (start_at, start_id, users)
    SELECT '-infinity', '', least(10000, (SELECT count(*) FROM users));
    INSERT INTO user_ranges (start_at, start_id, users)
    SELECT created_at, id, least(10000, total - n + 1)
    FROM (SELECT created_at, id, row_number() OVER (ORDER BY created_at, id) AS n, count(*) OVER () AS total FROM users) numbered
    WHERE n % 10000 = 1 AND n > 1;
$$;

SELECT user_ranges_rebuild();

-- Adds delta (1 or -1) to the count of the range holding each of these users. The keys come as
-- arrays because the triggers' transition tables are not visible inside a function they call.
CREATE FUNCTION user_ranges_count(changed_at timestamptz[], changed_id text[], delta integer) RETURNS void
LANGUAGE sql AS $$
    UPDATE user_ranges r SET users = r.users + delta * hit.users
    FROM (SELECT held.start_at, held.start_id, count(*) AS users
          FROM unnest(changed_at, changed_id) AS c (created_at, id)
          CROSS JOIN LATERAL (SELECT start_at, start_id FROM user_ranges
                              WHERE (start_at, start_id) <= (c.created_at, c.id)
                              ORDER BY start_at DESC, start_id DESC LIMIT 1) held
          GROUP BY held.start_at, held.start_id) hit
    WHERE (r.start_at, r.start_id) = (hit.start_at, hit.start_id);
$$;

-- Writers take the table lock first, so that each sees the ranges as the last writer left them
-- (a range split by a concurrent insert would otherwise be counted in the wrong range). Lists
-- only read, which the lock allows. Writers of users already queue on row_counts' one row.
CREATE FUNCTION user_ranges_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    crowded record;
    split record;
BEGIN
    LOCK TABLE user_ranges IN EXCLUSIVE MODE;
    PERFORM user_ranges_count((SELECT array_agg(created_at) FROM changed), (SELECT array_agg(id) FROM changed), 1);
    -- A range grown to twice its size is cut after its first 10,000 users, until none is.
    LOOP
        SELECT * INTO crowded FROM user_ranges WHERE users >= 20000 LIMIT 1;
        EXIT WHEN NOT FOUND;
        SELECT u.created_at, u.id INTO split FROM users u
        WHERE (u.created_at, u.id) >= (crowded.start_at, crowded.start_id)
        ORDER BY u.created_at, u.id OFFSET 10000 LIMIT 1;
        UPDATE user_ranges SET users = 10000 WHERE (start_at, start_id) = (crowded.start_at, crowded.start_id);
        INSERT INTO user_ranges (start_at, start_id, users) VALUES (split.created_at, split.id, crowded.users - 10000);
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE FUNCTION user_ranges_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE user_ranges IN EXCLUSIVE MODE;
    PERFORM user_ranges_count((SELECT array_agg(created_at) FROM changed), (SELECT array_agg(id) FROM changed), -1);
    RETURN NULL;
END;
$$;

CREATE FUNCTION user_ranges_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE user_ranges IN EXCLUSIVE MODE;
    PERFORM user_ranges_count(ARRAY[OLD.created_at], ARRAY[OLD.id], -1);
    PERFORM user_ranges_count(ARRAY[NEW.created_at], ARRAY[NEW.id], 1);
    RETURN NULL;
END;
$$;

CREATE FUNCTION user_ranges_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM user_ranges_rebuild();
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_ranged_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION user_ranges_added();
CREATE TRIGGER users_ranged_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION user_ranges_removed();
-- Only rows whose created_at or id changes: the server never changes them, so its updates do not
-- queue here. (A column list rules out transition tables, hence one row at a time.)
CREATE TRIGGER users_ranged_update AFTER UPDATE OF created_at, id ON users
    FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION user_ranges_moved();
CREATE TRIGGER users_ranged_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION user_ranges_reset();
