-- Cheaper user searches at a million users (issue 19: the p99 of a search there against ten
-- thousand users).
--
-- The index of the list order carries search_text, so that a search that walks the list order
-- (UserSearchRepository.walkSql: a term many users match) tests each user it passes from the
-- index alone, and reads from the table only the rows of its page. Measured at a million users
-- (bench/, 4,900 terms): the walks' p99 went from 10.3 ms to 3.9 ms; a user row is about 1 kB
-- (its grams), an entry of this index about 110 bytes. The index is the same one every write
-- already maintained, wider; an update that changes neither name nor email still changes no
-- indexed column.
--
-- At a million users (PostgreSQL 15, 2 cores) this takes about 3 s, during which user writes
-- wait (reads do not; the DROP holds them for an instant).
CREATE INDEX users_created_order_with_search_text ON users (created_at, id) INCLUDE (search_text);
DROP INDEX users_created_order;
ALTER INDEX users_created_order_with_search_text RENAME TO users_created_order;

-- The same choice of pieces as V18's, in PL/pgSQL, whose statements are planned once per
-- connection: the SQL function was planned again by every search that called it (0.5 ms of a
-- 2.6 ms median for the long terms whose totals are counted at read, measured as above).
CREATE OR REPLACE FUNCTION search_index_pieces(search text) RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    chosen text[];
BEGIN
    SELECT array_agg(piece ORDER BY piece) INTO chosen
    FROM (SELECT piece, holders, row_number() OVER (ORDER BY holders, piece) AS rarity
          FROM (SELECT piece, coalesce(total, 0) AS holders
                FROM unnest(search_pieces(search)) AS piece LEFT JOIN user_search_totals ON term = piece) AS pieces) AS ranked
    WHERE holders * 5 <= (SELECT total FROM user_search_totals WHERE term = '') OR rarity = 1;
    RETURN chosen;
END;
$$;
