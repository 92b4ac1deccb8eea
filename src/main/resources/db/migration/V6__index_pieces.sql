-- Which three-character pieces of a search of four or more characters the index of grams is
-- asked for (V4 asked for all of them). Each piece narrows the candidates that ILIKE then
-- tests, but the index reads the whole list of users holding it, and a piece that half of
-- all users hold barely narrows: measured at a million users, all seven pieces of "mal bin S"
-- (" bi", "bin" and "in " are each held by 450,000 users) took 15 ms in the index, the four
-- held by fewer than 100,000 users 4 ms, for the same 501 candidates.
--
-- Choosing fewer pieces by an estimate of the candidates they leave did worse: pieces of one
-- name go together ("ima Brown" by " br" and "own" left 5,872 candidates for 141 matches). So
-- every piece is asked for except those held by more than a fifth of all users, and, when all
-- are, the rarest alone. Over the 2,152 benchmark terms with up to 3,162 matches, counting
-- them took 0.6 to 0.8 times as long as with all pieces, p99 12 ms instead of 15 to 20 ms.
CREATE FUNCTION search_index_pieces(search text) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH pieces AS (
        SELECT piece, coalesce(total, 0) AS holders
        FROM unnest(search_pieces(search)) AS piece LEFT JOIN gram_counts ON gram = piece
    )
    SELECT array_agg(piece ORDER BY piece) FROM pieces
    WHERE holders * 5 <= (SELECT total FROM row_counts WHERE table_name = 'users')
       OR piece = (SELECT piece FROM pieces ORDER BY holders, piece LIMIT 1)
$$;
