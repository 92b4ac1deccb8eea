-- The fold in bounded steps (issue 19, measured at a million users with 1,825 kept terms).
--
-- V18's fold took every log row below the oldest running transaction at once and tested each
-- against every kept term. Deleting the 26,892 users a benchmark had created (one statement)
-- left a fold of about 54,000 rows: longer than the connection's socket timeout, so it failed,
-- and every later fold had more to do and failed too. Reads add the unfolded rows, so they
-- slowed with the backlog (search 93 ms p50 at 2 connections, 21 req/s).
--
-- Now:
--   * a fold takes the transactions of the oldest `step` log rows (10,000 by default; a larger
--     transaction whole) and the server folds again at once while a step was full. The base
--     still holds exactly the transactions below the watermark, all ended (the argument of V18
--     holds for any watermark at or below the oldest running transaction);
--   * a kept term can only match a user holding the term's first three characters as a gram
--     (grams are every one- to three-character piece of the lower-cased name and email; a term
--     matches within one of them), so the fold joins kept terms by that lead gram instead of
--     testing each against every row: 3.6 s instead of 7.2 s for 30,000 users matching 949,230
--     (user, term) pairs.
DROP FUNCTION user_search_fold(text[]);

CREATE FUNCTION user_search_fold(adopt text[], step integer DEFAULT 10000) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    below xid8;
    upto xid8 := pg_snapshot_xmin(pg_current_snapshot());
    last_of_step xid8;
    after_step xid8;
    folded bigint;
    emptied text[];
BEGIN
    IF current_setting('transaction_isolation') <> 'repeatable read' THEN
        RAISE EXCEPTION 'user_search_fold() needs a REPEATABLE READ transaction';
    END IF;
    IF NOT pg_try_advisory_xact_lock(7318180001) THEN
        RETURN NULL;
    END IF;
    IF cardinality(adopt) = 0 AND NOT EXISTS (SELECT 1 FROM user_search_changes WHERE xid < upto) THEN
        RETURN 0;
    END IF;
    SELECT folded_below INTO below FROM user_search_watermark;
    -- One step: the transactions holding the oldest step log rows, whole (however many rows one holds).
    SELECT xid INTO last_of_step FROM user_search_changes WHERE xid >= below AND xid < upto ORDER BY xid OFFSET step - 1 LIMIT 1;
    IF FOUND THEN
        SELECT min(xid) INTO after_step FROM user_search_changes WHERE xid > last_of_step AND xid < upto;
        upto := coalesce(after_step, upto);
    END IF;

    WITH folding AS MATERIALIZED (
        SELECT delta, search_text, grams FROM user_search_changes WHERE xid >= below AND xid < upto
    ), changed AS (
        INSERT INTO user_search_totals AS kept (term, total)
        SELECT term, sum(delta) FROM (
            SELECT '' AS term, delta FROM folding
            UNION ALL
            SELECT gram, delta FROM folding, unnest(grams) AS gram
            UNION ALL
            SELECT t.term, f.delta FROM folding f CROSS JOIN LATERAL unnest(f.grams) AS g (gram)
            JOIN (SELECT term, substr(term, 1, 3) AS lead FROM user_search_totals WHERE length(term) >= 4) AS t ON t.lead = g.gram
            WHERE user_matches(f.search_text, t.term)
        ) AS deltas
        GROUP BY term HAVING sum(delta) <> 0
        ORDER BY term
        ON CONFLICT (term) DO UPDATE SET total = kept.total + excluded.total
        RETURNING term, total
    )
    SELECT array_agg(term) FILTER (WHERE total = 0 AND length(term) BETWEEN 1 AND 3) INTO emptied FROM changed;
    -- A gram no user holds any more is not kept: churn must not grow the table.
    DELETE FROM user_search_totals WHERE term = ANY (emptied);

    UPDATE user_search_ranges r SET users = r.users + hit.delta
    FROM (SELECT held.start_at, held.start_id, sum(c.delta) AS delta
          FROM user_search_changes c
          CROSS JOIN LATERAL (SELECT start_at, start_id FROM user_search_ranges
                              WHERE (start_at, start_id) <= (c.created_at, c.id)
                              ORDER BY start_at DESC, start_id DESC LIMIT 1) AS held
          WHERE c.xid >= below AND c.xid < upto
          GROUP BY held.start_at, held.start_id HAVING sum(c.delta) <> 0) AS hit
    WHERE (r.start_at, r.start_id) = (hit.start_at, hit.start_id);

    DELETE FROM user_search_changes WHERE xid < upto;
    GET DIAGNOSTICS folded = ROW_COUNT;
    UPDATE user_search_watermark SET folded_below = upto;
    PERFORM user_search_split_ranges(upto);

    INSERT INTO user_search_totals (term, total, kept_at)
    SELECT term,
           (SELECT count(*) FROM users WHERE grams @> search_index_pieces(term) AND user_matches(search_text, term))
         - (SELECT coalesce(sum(delta), 0) FROM user_search_changes WHERE xid >= upto AND user_matches(search_text, term)),
           now()
    FROM (SELECT DISTINCT lower(asked) AS term FROM unnest(adopt) AS asked) AS asked
    WHERE length(term) >= 4
    ON CONFLICT (term) DO NOTHING;
    DELETE FROM user_search_totals WHERE term IN
        (SELECT term FROM user_search_totals WHERE length(term) >= 4 ORDER BY kept_at DESC, term OFFSET 2000);
    RETURN folded;
END;
$$;
