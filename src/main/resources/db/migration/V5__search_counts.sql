-- The exact total of a search of four or more characters (SPEC A5; V4 keeps those of shorter
-- ones) costs a visit to every matching user: a few microseconds each, so close to a second
-- for a term like "gmail" that a third of all users match. The database therefore keeps the
-- totals of the terms searched that match many users, in the same transactions as the writes,
-- as row_counts keeps the table totals (V2).
--
-- term:     the search text as lower() folds it. name ILIKE '%text%' (text's wildcards
--           escaped) folds both sides with lower() on a UTF-8 database, so it is exactly
--           strpos(lower(name), term) > 0, which is what the trigger below evaluates.
-- pending:  the term is being counted: writers already keep its total up to date, but the
--           total does not yet include the users that existed before (the server then counts).
-- kept_at:  when the server started keeping it; the oldest go first when there are too many.
CREATE TABLE search_counts (
    term     text PRIMARY KEY,
    total    bigint NOT NULL,
    pending  boolean NOT NULL,
    kept_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX search_counts_kept_at ON search_counts (kept_at);

-- Applies the net change of one statement's rows to the kept totals, locking them in term
-- order so that concurrent writers queue instead of deadlocking. Rows whose name and email
-- did not change never reach this function, so most updates cost nothing here.
CREATE FUNCTION search_counts_apply(changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    deltas record;
BEGIN
    SELECT array_agg(term ORDER BY term) AS terms, array_agg(delta ORDER BY term) AS amounts INTO deltas
    FROM (SELECT kept.term, sum(change.delta) AS delta
          FROM search_counts AS kept,
               jsonb_to_recordset(changes) AS change (name text, email text, delta int)
          WHERE strpos(change.name, kept.term) > 0 OR strpos(change.email, kept.term) > 0
          GROUP BY kept.term
          HAVING sum(change.delta) <> 0) AS net;
    IF deltas.terms IS NULL THEN
        RETURN;
    END IF;
    PERFORM 1 FROM search_counts WHERE term = ANY (deltas.terms) ORDER BY term FOR NO KEY UPDATE;
    UPDATE search_counts AS kept SET total = kept.total + delta.amount
    FROM unnest(deltas.terms, deltas.amounts) AS delta (term, amount)
    WHERE kept.term = delta.term;
END;
$$;

CREATE FUNCTION search_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes jsonb;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM search_counts) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(jsonb_build_object('name', lower(name), 'email', lower(email), 'delta', 1)) INTO changes
        FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(jsonb_build_object('name', lower(name), 'email', lower(email), 'delta', -1)) INTO changes
        FROM old_rows;
    ELSE
        SELECT jsonb_agg(change) INTO changes
        FROM old_rows JOIN new_rows USING (id),
             LATERAL (VALUES (jsonb_build_object('name', lower(old_rows.name), 'email', lower(old_rows.email), 'delta', -1)),
                             (jsonb_build_object('name', lower(new_rows.name), 'email', lower(new_rows.email), 'delta', 1))) AS pair (change)
        WHERE old_rows.name IS DISTINCT FROM new_rows.name OR old_rows.email IS DISTINCT FROM new_rows.email;
    END IF;
    IF changes IS NOT NULL THEN
        PERFORM search_counts_apply(changes);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_search_counts_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_changed();
CREATE TRIGGER users_search_counts_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_changed();
CREATE TRIGGER users_search_counts_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_changed();

CREATE FUNCTION search_counts_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_counts;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_search_counts_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION search_counts_reset();
