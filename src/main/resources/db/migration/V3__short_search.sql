-- Searches of one or two characters (SPEC A5: case-insensitive substring of name OR email)
-- are beyond trigram indexes: PostgreSQL would scan every user, for the page and again for
-- the exact total. Each user therefore carries the set of its one- and two-character
-- substrings (lower-cased, as ILIKE compares), indexed with GIN, and the database keeps how
-- many users hold each one. "contains 'ab'" is then exactly "short_grams @> {ab}", and its
-- total one row away.
CREATE FUNCTION short_grams(name text, email text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT gram ORDER BY gram), '{}')
    FROM (VALUES (lower(name)), (lower(email))) AS source (text),
         LATERAL (
             SELECT substr(source.text, position, 1) FROM generate_series(1, length(source.text)) AS position
             UNION ALL
             SELECT substr(source.text, position, 2) FROM generate_series(1, length(source.text) - 1) AS position
         ) AS grams (gram)
$$;

ALTER TABLE users ADD COLUMN short_grams text[] GENERATED ALWAYS AS (short_grams(name, email)) STORED;
CREATE INDEX users_short_grams ON users USING gin (short_grams);

CREATE TABLE short_gram_counts (
    gram   text PRIMARY KEY,
    total  bigint NOT NULL
);

INSERT INTO short_gram_counts (gram, total)
SELECT gram, count(*) FROM users, unnest(short_grams) AS gram GROUP BY gram;

-- One statement per write, rows locked in gram order, so concurrent writers queue on the
-- shared counters instead of deadlocking.
CREATE FUNCTION short_gram_counts_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO short_gram_counts AS counts (gram, total)
    SELECT key, value::bigint FROM jsonb_each_text(deltas) ORDER BY key
    ON CONFLICT (gram) DO UPDATE SET total = counts.total + excluded.total
$$;

CREATE FUNCTION short_gram_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    deltas jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_object_agg(gram, n) INTO deltas
        FROM (SELECT gram, count(*) AS n FROM new_rows, unnest(short_grams) AS gram GROUP BY gram) AS added;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_object_agg(gram, -n) INTO deltas
        FROM (SELECT gram, count(*) AS n FROM old_rows, unnest(short_grams) AS gram GROUP BY gram) AS removed;
    ELSE
        SELECT jsonb_object_agg(gram, n) INTO deltas
        FROM (SELECT gram, sum(change) AS n
              FROM (SELECT unnest(short_grams) AS gram, 1 AS change FROM new_rows
                    UNION ALL
                    SELECT unnest(short_grams), -1 FROM old_rows) AS changes
              GROUP BY gram HAVING sum(change) <> 0) AS net;
    END IF;
    IF deltas IS NOT NULL THEN
        PERFORM short_gram_counts_apply(deltas);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_short_grams_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION short_gram_counts_changed();
CREATE TRIGGER users_short_grams_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION short_gram_counts_changed();
CREATE TRIGGER users_short_grams_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION short_gram_counts_changed();

CREATE FUNCTION short_gram_counts_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM short_gram_counts;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_short_grams_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION short_gram_counts_reset();
