-- pg_trgm splits text into words at every character that is not a letter or digit, so a
-- search that spans a word boundary, such as "5@gma" or "a Ha", is reduced to the trigrams of
-- its word pieces ("gma"), which a large share of users hold: measured at a million users,
-- such searches rechecked 100,000 to 180,000 candidate rows (0.7 to 1.3 s). Emails and full
-- names are full of boundaries. Each user therefore carries the set of its raw one-, two- and
-- three-character substrings (lower-cased, as ILIKE compares, punctuation and spaces
-- included), replacing V3's one- and two-character set and the trigram indexes on users:
--   * a search of one to three characters is exactly "grams @> {text}", and the database keeps
--     how many users hold each gram (gram_counts), so its total is one row away;
--   * a longer search needs every three-character piece of its text: "grams @> pieces"
--     narrows the candidates to nearly the matches, and ILIKE then decides.
DROP TRIGGER users_short_grams_insert ON users;
DROP TRIGGER users_short_grams_update ON users;
DROP TRIGGER users_short_grams_delete ON users;
DROP TRIGGER users_short_grams_truncate ON users;
DROP FUNCTION short_gram_counts_changed();
DROP FUNCTION short_gram_counts_apply(jsonb);
DROP FUNCTION short_gram_counts_reset();
ALTER TABLE users DROP COLUMN short_grams;
DROP FUNCTION short_grams(text, text);
DROP TABLE short_gram_counts;
DROP INDEX users_name_trgm;
DROP INDEX users_email_trgm;

CREATE FUNCTION user_grams(name text, email text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT gram ORDER BY gram), '{}')
    FROM (VALUES (lower(name)), (lower(email))) AS source (text),
         LATERAL (SELECT substr(source.text, position, 1) FROM generate_series(1, length(source.text)) AS position
                  UNION ALL
                  SELECT substr(source.text, position, 2) FROM generate_series(1, length(source.text) - 1) AS position
                  UNION ALL
                  SELECT substr(source.text, position, 3) FROM generate_series(1, length(source.text) - 2) AS position) AS grams (gram)
$$;

-- The three-character pieces a text of three or more characters needs (lower-cased).
CREATE FUNCTION search_pieces(search text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(lower(search), position, 3)), '{}')
    FROM generate_series(1, length(search) - 2) AS position
$$;

ALTER TABLE users ADD COLUMN grams text[] GENERATED ALWAYS AS (user_grams(name, email)) STORED;
CREATE INDEX users_grams ON users USING gin (grams);

CREATE TABLE gram_counts (
    gram   text PRIMARY KEY,
    total  bigint NOT NULL
);

INSERT INTO gram_counts (gram, total)
SELECT gram, count(*) FROM users, unnest(grams) AS gram GROUP BY gram;

-- One statement per write, rows locked in gram order, so concurrent writers queue on the
-- shared counters instead of deadlocking.
CREATE FUNCTION gram_counts_apply(deltas jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO gram_counts AS counts (gram, total)
    SELECT key, value::bigint FROM jsonb_each_text(deltas) ORDER BY key
    ON CONFLICT (gram) DO UPDATE SET total = counts.total + excluded.total
$$;

CREATE FUNCTION gram_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    deltas jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_object_agg(gram, n) INTO deltas
        FROM (SELECT gram, count(*) AS n FROM new_rows, unnest(grams) AS gram GROUP BY gram) AS added;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_object_agg(gram, -n) INTO deltas
        FROM (SELECT gram, count(*) AS n FROM old_rows, unnest(grams) AS gram GROUP BY gram) AS removed;
    ELSE
        SELECT jsonb_object_agg(gram, n) INTO deltas
        FROM (SELECT gram, sum(change) AS n
              FROM (SELECT unnest(grams) AS gram, 1 AS change FROM new_rows
                    UNION ALL
                    SELECT unnest(grams), -1 FROM old_rows) AS changes
              GROUP BY gram HAVING sum(change) <> 0) AS net;
    END IF;
    IF deltas IS NOT NULL THEN
        PERFORM gram_counts_apply(deltas);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_grams_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gram_counts_changed();
CREATE TRIGGER users_grams_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gram_counts_changed();
CREATE TRIGGER users_grams_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gram_counts_changed();

CREATE FUNCTION gram_counts_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM gram_counts;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_grams_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION gram_counts_reset();
