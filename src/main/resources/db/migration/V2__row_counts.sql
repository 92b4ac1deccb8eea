-- SPEC A5 lists report the exact total. Counting a million rows on every unfiltered list costs
-- tens of milliseconds, so the database keeps the totals itself, in the same transactions as
-- the writes: exact, and one row read per list.
CREATE TABLE row_counts (
    table_name  text PRIMARY KEY,
    total       bigint NOT NULL
);

INSERT INTO row_counts (table_name, total)
SELECT 'users', count(*) FROM users
UNION ALL
SELECT 'organizations', count(*) FROM organizations;

-- Statement-level, with transition tables, so that a bulk load updates the row once.
CREATE FUNCTION row_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE row_counts SET total = total + (SELECT count(*) FROM changed) WHERE table_name = TG_TABLE_NAME;
    RETURN NULL;
END;
$$;

CREATE FUNCTION row_counts_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE row_counts SET total = 0 WHERE table_name = TG_TABLE_NAME;
    RETURN NULL;
END;
$$;

CREATE FUNCTION row_counts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE row_counts SET total = total - (SELECT count(*) FROM changed) WHERE table_name = TG_TABLE_NAME;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_counted_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added();
CREATE TRIGGER users_counted_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed();
CREATE TRIGGER users_counted_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION row_counts_reset();

CREATE TRIGGER organizations_counted_insert AFTER INSERT ON organizations
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added();
CREATE TRIGGER organizations_counted_delete AFTER DELETE ON organizations
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed();
CREATE TRIGGER organizations_counted_truncate AFTER TRUNCATE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION row_counts_reset();
