-- Fills the Invois schema with synthetic but realistic data, entirely inside PostgreSQL
-- (generate_series + INSERT ... SELECT; no HTTP). Run against a database whose schema the
-- server's Flyway migrations have created:
--
--   psql -v users=1000000 -f bench/generate.sql          (bench/generate.sh wraps this)
--
-- psql variables (all optional):
--   users        number of users                         (default 1000000)
--   orgs         number of organizations                 (default users / 10)
--   memberships  number of memberships                   (default users * 2)
--   years        how far back created_at goes            (default 6)
--   skew         Zipf exponent of organization sizes     (default 0.8: with the defaults the
--                largest organizations have ~44k, 25k, 18k members, the median one ~8)
--
-- What it does, in one transaction: truncates users, organizations and memberships; drops
-- their secondary indexes and constraints (saving the definitions from the catalog, so that a
-- later migration's indexes come back too); inserts the rows; rebuilds indexes and constraints;
-- checks member_count against the real counts. VACUUM (FREEZE, ANALYZE) follows (outside the
-- transaction). It also (re)creates schema "bench" with what the pgbench scripts use to name
-- rows by number: tables bench.user_ids(n, id), bench.org_ids(n, id),
-- bench.search_terms(k, term), bench.short_terms(k, term), function bench.params().
--
-- IDs look like the server's ULIDs: prefix + 26 characters of Crockford base-32
-- (10 characters of the created_at millisecond, then 16 derived from the row number, so
-- unique by construction).

\set ON_ERROR_STOP on
\if :{?users}
\else
  \set users 1000000
\endif
\if :{?orgs}
\else
  SELECT greatest(1, :users / 10) AS orgs \gset
\endif
\if :{?memberships}
\else
  SELECT :users * 2 AS memberships \gset
\endif
\if :{?years}
\else
  \set years 6
\endif
\if :{?skew}
\else
  \set skew 0.8
\endif
\timing off
SET client_min_messages = warning;
SET maintenance_work_mem = '1GB';
SET work_mem = '256MB';
SET synchronous_commit = off;
SET jit = off;
SELECT setseed(0.4242) \g /dev/null

\echo generate: users=:users orgs=:orgs memberships=:memberships years=:years skew=:skew

SELECT clock_timestamp() AS t_start \gset

BEGIN;

-- ---------------------------------------------------------------------------------------------
-- Helper functions (schema bench): single-expression SQL functions, which the planner inlines
-- when their arguments are plain columns (hence the OFFSET 0 subqueries below).
-- ---------------------------------------------------------------------------------------------
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- 13 Crockford base-32 digits of a non-negative bigint (65 bits >= 63).
CREATE FUNCTION bench.b32(x bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 60) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 55) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 50) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 45) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 40) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 35) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 30) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 25) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 20) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 15) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 10) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', ((x >> 5) & 31)::int + 1, 1)
    || substr('0123456789abcdefghjkmnpqrstvwxyz', (x & 31)::int + 1, 1)
$$;

-- A bijection of [0, 2^40): xor, multiply by an odd constant, xorshift, multiply again (mod 2^40).
CREATE FUNCTION bench.mix40b(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ((x # (x >> 20)) * 7340033) & 1099511627775 $$;
CREATE FUNCTION bench.mix40(n bigint, c bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT bench.mix40b(((n # c) * 5705429) & 1099511627775) $$;

-- 26 characters: 10 of the millisecond timestamp, then 16 that look random: two bijections of
-- the row number (so the id is unique for every row number < 2^40), 8 characters each. Pass
-- plain columns (see the OFFSET 0 subqueries below): then everything inlines.
CREATE FUNCTION bench.ulid(ms bigint, a bigint, b bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT right(bench.b32(ms), 10) || right(bench.b32(a), 8) || right(bench.b32(b), 8)
$$;

-- Row n's creation instant (epoch milliseconds): rows are numbered in creation order, and the
-- rate of sign-ups grows over time (n ~ t^2). The constants of this run are baked in.
SELECT (extract(epoch FROM date_trunc('second', now())) * 1000)::bigint AS t_end_ms,
       (:years * 365.25 * 86400 * 1000)::bigint AS span_ms \gset

-- (psql does not interpolate variables inside dollar quotes: format() builds these.)
SELECT format($f$
CREATE FUNCTION bench.params(OUT users bigint, OUT orgs bigint, OUT memberships bigint, OUT t_end_ms bigint, OUT span_ms bigint)
LANGUAGE sql IMMUTABLE AS $b$ SELECT %1$s::bigint, %2$s::bigint, %3$s::bigint, %4$s::bigint, %5$s::bigint $b$;
CREATE FUNCTION bench.user_ms(n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$b$ SELECT (%4$s::bigint - %5$s::bigint + floor(%5$s::bigint * sqrt(n::float8 / %1$s)))::bigint $b$;
CREATE FUNCTION bench.org_ms(n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$b$ SELECT (%4$s::bigint - %5$s::bigint + floor(%5$s::bigint * sqrt(n::float8 / %2$s)))::bigint $b$;
$f$, :users, :orgs, :memberships, :t_end_ms, :span_ms) AS ddl \gset
:ddl
CREATE FUNCTION bench.ms_ts(ms bigint) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT to_timestamp(ms / 1000.0) $$;

-- ---------------------------------------------------------------------------------------------
-- Name material
-- ---------------------------------------------------------------------------------------------
-- (psql variables holding array literals: in the queries they are constants, which PostgreSQL
-- folds and subscripts cheaply, unlike arrays read from a table row for every generated row)
\set malay_m '{Ahmad,Muhammad,Mohd,Ali,Hafiz,Azman,Faizal,Hakim,Ismail,Kamal,Rahman,Razak,Syafiq,Amir,Aiman,Firdaus,Haziq,Iskandar,Luqman,Nazri,Rizal,Shahrul,Zulkifli,Imran,Adam,Danial,Fakhrul,Khairul,Nabil,Rosli,Saiful,Yusof,Zainal,Hamzah,Irfan,Azlan,Badrul}'
\set malay_f '{Nur,Siti,Aisyah,Nurul,Farah,Aminah,Fatimah,Hidayah,Izzati,Liyana,Nabila,Syafiqah,Zulaikha,Aina,Balqis,Hafizah,Intan,Mariam,Nadia,Norhayati,Rohani,Salmah,Sofea,"Wan Nur",Zarina,Aishah,Amira,Dayang,Khadijah,Puteri,Sharifah,Yasmin}'
\set cn_last '{Tan,Lim,Lee,Ng,Wong,Chan,Ong,Goh,Teo,Chong,Yap,Low,Chin,Leong,Foo,Koh,Khoo,Lau,Cheah,Yeoh,Tay,Chua,Ho,Loh,Ooi,Quek,Soh,Tee,Wee,Liew,Kang,Phang}'
\set cn_given '{"Wei Ming","Mei Ling","Kah Hoe","Siew Lan","Jia Hui","Chee Keong","Boon Huat","Li Ting","Xin Yi","Kok Wai","Hui Min","Yong Sheng","Pei Shan","Jun Jie","Wai Kit","Shu Fen","Zhi Hao","Kai Xuan","Ah Kow","Soo Mei","Choon Seng","Yee Ling","Keng Hock","Mun Yee","Zi Xuan","Hock Seng","Wen Jun","Ying Ying"}'
\set cn_english '{Jason,Kelvin,Alvin,Jessica,Michelle,Vincent,Eric,Winnie,Desmond,Cheryl,Bernard,Joanne,Ivan,Karen,Melvin,Shirley,Terence,Vivian,Edwin,Grace}'
\set in_m '{Rajesh,Suresh,Ganesh,Kumar,Ravi,Arun,Vijay,Prakash,Muthu,Sanjay,Karthik,Vinod,Devan,Sivakumar,Thinesh,Naveen,Harish,Logan,Saravanan,Mohan}'
\set in_f '{Priya,Kavitha,Lakshmi,Devi,Anita,Shanti,Meena,Revathi,Sangeetha,Nisha,Deepa,Kalaivani,Malar,Thivya,Vanitha,Geetha,Pavithra,Yamuna}'
\set in_father '{Subramaniam,Krishnan,Ramasamy,Muniandy,Arumugam,Govindasamy,Nadarajah,Selvaraj,Rajendran,Maniam,Perumal,Chandran,Velu,Pillai,Sinnathamby,Ramachandran,Kannan,Annamalai}'
\set w_first '{James,John,Mary,Patricia,Robert,Jennifer,Michael,Linda,David,Elizabeth,William,Sarah,Thomas,Emma,Daniel,Olivia,Lucas,Sophie,"José","Zoë","François",Ingrid,Hiroshi,Yuki,Min-jun,Somchai,Budi,Dewi,Nguyen,Maria,Ana,Liam,Noah,Chloe,Hannah,Mateo,Aarav,Fatima}'
\set w_last '{Smith,Johnson,Williams,Brown,Jones,Garcia,Miller,Davis,Martin,Taylor,Anderson,Thomas,"Müller",Schmidt,Dubois,Rossi,"O''Brien",MacDonald,"van der Berg",Tanaka,Suzuki,Kim,Park,Wijaya,Santoso,Nguyen,Tran,Silva,Fernandes,Cohen,Kowalski,Novak,Jensen,Haddad}'
\set domains '{gmail.com,gmail.com,gmail.com,gmail.com,gmail.com,gmail.com,gmail.com,yahoo.com,yahoo.com,hotmail.com,hotmail.com,outlook.com,icloud.com,live.com.my,yahoo.com.my,protonmail.com,maybank.com.my,petronas.com.my,tm.com.my,celcom.com.my,cimb.com,axiata.com,gamuda.com.my,sunway.com.my,ytl.com.my,ioi.com,airasia.com,grab.com,shopee.com.my,lazada.com.my,example.my,acme-trading.com.my,um.edu.my,ukm.edu.my,usm.my,utm.my,gov.my,hasil.gov.my}'
\set org_a '{Maju,Jaya,Sinar,Cahaya,Mega,Global,Pacific,Harmoni,Gemilang,Bintang,Setia,Makmur,Berjaya,Sentosa,Indah,Permata,Mutiara,Golden,Eastern,Asia,Borneo,Perak,Klang,Penang,Johor,Melaka,Kinabalu,Langkawi,Putra,Seri,Bumi,Nusantara,Suria,Delima,Lestari,Wawasan,Tiger,Dragon,Phoenix,Lotus,Orchid,Evergreen,Summit,Pinnacle,Horizon,Unity,Prima,Alam}'
\set org_b '{Trading,Logistics,Engineering,Construction,Technology,Digital,"Food Industries",Textiles,Plantation,Holdings,Services,Marketing,Automotive,Electrical,Hardware,Printing,Furniture,Properties,Solutions,Resources,Agro,"Travel & Tours","Medical Supplies",Bakery,Catering,Consulting,Software,Pharmacy,Motor,Steel,Packaging,Cosmetics,Seafood,"Frozen Food",Education,"Design Studio",Renovation,"Aircond Services","Mini Market",Hotel}'
\set org_suffix '{"Sdn Bhd","Sdn Bhd","Sdn Bhd","Sdn Bhd","Sdn Bhd","Sdn Bhd","Sdn. Bhd.",Bhd,Enterprise,Enterprise,Enterprise,PLT,Trading,"& Co","(M) Sdn Bhd",Resources,Ventures,Group}'

-- ---------------------------------------------------------------------------------------------
-- Save, then drop, the secondary structures of the three tables (rebuilt after the load).
-- ---------------------------------------------------------------------------------------------
CREATE TEMP TABLE saved_ddl (step int, sql text) ON COMMIT DROP;

INSERT INTO saved_ddl  -- foreign keys on, or pointing at, the three tables: re-added last
SELECT 3, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
FROM pg_constraint c
WHERE c.contype = 'f'
  AND (c.conrelid IN ('users'::regclass, 'organizations'::regclass, 'memberships'::regclass)
       OR c.confrelid IN ('users'::regclass, 'organizations'::regclass, 'memberships'::regclass));
INSERT INTO saved_ddl  -- primary keys and unique constraints
SELECT 2, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
FROM pg_constraint c
WHERE c.contype IN ('p', 'u') AND c.conrelid IN ('users'::regclass, 'organizations'::regclass, 'memberships'::regclass);
INSERT INTO saved_ddl  -- plain indexes (not backing a constraint)
SELECT 1, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid IN ('users'::regclass, 'organizations'::regclass, 'memberships'::regclass)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'));

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.conrelid::regclass AS tbl, c.conname FROM pg_constraint c
             WHERE c.contype = 'f'
               AND (c.conrelid IN ('users'::regclass, 'organizations'::regclass, 'memberships'::regclass)
                    OR c.confrelid IN ('users'::regclass, 'organizations'::regclass, 'memberships'::regclass))
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
    END LOOP;
    FOR r IN SELECT c.conrelid::regclass AS tbl, c.conname FROM pg_constraint c
             WHERE c.contype IN ('p', 'u') AND c.conrelid IN ('users'::regclass, 'organizations'::regclass, 'memberships'::regclass)
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
    END LOOP;
    FOR r IN SELECT i.indexrelid::regclass AS idx FROM pg_index i
             WHERE i.indrelid IN ('users'::regclass, 'organizations'::regclass, 'memberships'::regclass)
    LOOP
        EXECUTE format('DROP INDEX %s', r.idx);
    END LOOP;
END $$;

-- TRUNCATE fires the schema's triggers (the user search is emptied, V18). member_count is set
-- directly below (the organization sizes are planned first), so the per-row counting trigger
-- memberships_count is off during the load; a check at the end compares the counts.
TRUNCATE users, organizations, memberships CASCADE;
SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'memberships'::regclass AND tgname = 'memberships_count') AS has_count_trigger \gset
\if :has_count_trigger
ALTER TABLE memberships DISABLE TRIGGER memberships_count;
\endif
-- The search log's insert trigger (V18) is off during the load: user_search_rebuild() counts the
-- loaded users once, in this transaction, after the load with the indexes back, rather than the
-- load appending a million log rows for the first fold.
SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'users'::regclass AND tgname = 'user_search_inserted') AS has_user_search \gset
\if :has_user_search
ALTER TABLE users DISABLE TRIGGER user_search_inserted;
\endif

SELECT clock_timestamp() AS t_users \gset
-- ---------------------------------------------------------------------------------------------
-- Users. bench.user_ids maps the row number n (1..users, creation order) to the id; pgbench
-- scripts use it to pick random users.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE bench.user_ids AS
SELECT n, 'user-' || bench.ulid(ms, a, b) AS id
FROM (SELECT n::bigint AS n, bench.user_ms(n) AS ms, bench.mix40(n, 991333224107) AS a, bench.mix40(n, 712182627931) AS b
      FROM generate_series(1, :users) n OFFSET 0) s;
ALTER TABLE bench.user_ids ADD PRIMARY KEY (n);

INSERT INTO users (id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at)
SELECT id,
       full_name,
       CASE WHEN has_parts THEN first END,
       CASE WHEN has_parts THEN last END,
       lower(local_part || n || '@' || domain),
       phone,
       dob,
       role,
       created,
       CASE WHEN r_upd < 0.35 THEN created + (now() - created) * random() ELSE created END
FROM (
    SELECT n, id, created, first, last, has_parts, domain, phone, dob, role, r_upd,
           CASE group_ WHEN 'cn' THEN last || ' ' || first
                       WHEN 'cn_en' THEN first || ' ' || last
                       ELSE first || ' ' || last END AS full_name,
           CASE fmt WHEN 0 THEN ascii_first || '.' || ascii_last
                    WHEN 1 THEN ascii_first || ascii_last
                    WHEN 2 THEN left(ascii_first, 1) || ascii_last
                    WHEN 3 THEN ascii_first || '_' || left(ascii_last, 3)
                    ELSE ascii_first END AS local_part
    FROM (
        SELECT *,
               coalesce(nullif(regexp_replace(lower(translate(first, 'éëçüöäÉ', 'eecuoae')), '[^a-z]', '', 'g'), ''), 'user') AS ascii_first,
               coalesce(nullif(regexp_replace(lower(translate(
                   regexp_replace(last, '^(bin|binti|a/l|a/p) ', ''), 'éëçüöäÉ', 'eecuoae')), '[^a-z]', '', 'g'), ''), 'x') AS ascii_last
        FROM (
            SELECT g.n, g.id,
                   bench.ms_ts(bench.user_ms(g.n)) AS created,
                   CASE WHEN r1 < 0.23 THEN 'my' WHEN r1 < 0.45 THEN 'my_f' WHEN r1 < 0.62 THEN 'cn'
                        WHEN r1 < 0.70 THEN 'cn_en' WHEN r1 < 0.80 THEN 'in' ELSE 'w' END AS group_,
                   CASE WHEN r1 < 0.23 THEN ((:'malay_m')::text[])[1 + (r2 * array_length(((:'malay_m')::text[]), 1))::int % array_length(((:'malay_m')::text[]), 1)]
                        WHEN r1 < 0.45 THEN ((:'malay_f')::text[])[1 + (r2 * array_length(((:'malay_f')::text[]), 1))::int % array_length(((:'malay_f')::text[]), 1)]
                        WHEN r1 < 0.62 THEN ((:'cn_given')::text[])[1 + (r2 * array_length(((:'cn_given')::text[]), 1))::int % array_length(((:'cn_given')::text[]), 1)]
                        WHEN r1 < 0.70 THEN ((:'cn_english')::text[])[1 + (r2 * array_length(((:'cn_english')::text[]), 1))::int % array_length(((:'cn_english')::text[]), 1)]
                        WHEN r1 < 0.80 THEN CASE WHEN r4 < 0.5 THEN ((:'in_m')::text[])[1 + (r2 * array_length(((:'in_m')::text[]), 1))::int % array_length(((:'in_m')::text[]), 1)]
                                                 ELSE ((:'in_f')::text[])[1 + (r2 * array_length(((:'in_f')::text[]), 1))::int % array_length(((:'in_f')::text[]), 1)] END
                        ELSE ((:'w_first')::text[])[1 + (r2 * array_length(((:'w_first')::text[]), 1))::int % array_length(((:'w_first')::text[]), 1)] END AS first,
                   CASE WHEN r1 < 0.23 THEN 'bin ' || ((:'malay_m')::text[])[1 + (r3 * array_length(((:'malay_m')::text[]), 1))::int % array_length(((:'malay_m')::text[]), 1)]
                        WHEN r1 < 0.45 THEN 'binti ' || ((:'malay_m')::text[])[1 + (r3 * array_length(((:'malay_m')::text[]), 1))::int % array_length(((:'malay_m')::text[]), 1)]
                        WHEN r1 < 0.70 THEN ((:'cn_last')::text[])[1 + (r3 * array_length(((:'cn_last')::text[]), 1))::int % array_length(((:'cn_last')::text[]), 1)]
                        WHEN r1 < 0.80 THEN CASE WHEN r4 < 0.5 THEN 'a/l ' ELSE 'a/p ' END
                                            || ((:'in_father')::text[])[1 + (r3 * array_length(((:'in_father')::text[]), 1))::int % array_length(((:'in_father')::text[]), 1)]
                        ELSE ((:'w_last')::text[])[1 + (r3 * array_length(((:'w_last')::text[]), 1))::int % array_length(((:'w_last')::text[]), 1)] END AS last,
                   r5 >= 0.08 AS has_parts,
                   (r6 * 5)::int % 5 AS fmt,
                   ((:'domains')::text[])[1 + (r7 * array_length(((:'domains')::text[]), 1))::int % array_length(((:'domains')::text[]), 1)] AS domain,
                   CASE WHEN r8 < 0.30 THEN '+601' || (r9 * 10)::int % 10 || '-' || lpad(((r10 * 10000000)::int % 10000000)::text, 7, '0')
                        WHEN r8 < 0.50 THEN '01' || (r9 * 10)::int % 10 || '-' || lpad(((r10 * 10000000)::int % 10000000)::text, 7, '0')
                        WHEN r8 < 0.58 THEN '+60 3-' || lpad(((r10 * 100000000)::int % 100000000)::text, 8, '0')
                        WHEN r8 < 0.62 THEN '+65 ' || lpad(((r10 * 100000000)::int % 100000000)::text, 8, '0')
                        END AS phone,
                   CASE WHEN r9 < 0.45 THEN date '1950-01-01' + (r11 * (date '2007-12-31' - date '1950-01-01'))::int END AS dob,
                   CASE WHEN r12 < 0.004 THEN 'super-admin' WHEN r12 < 0.03 THEN 'admin' ELSE 'customer' END AS role,
                   r13 AS r_upd
            FROM (SELECT n, id, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7,
                         random() r8, random() r9, random() r10, random() r11, random() r12, random() r13
                  FROM bench.user_ids) g
        ) a
    ) b
) c;

SELECT clock_timestamp() AS t_orgs \gset
-- ---------------------------------------------------------------------------------------------
-- Organizations: sizes follow a Zipf law over a scrambled rank (so the big ones are spread
-- over time), rounded on the running total so that they add up to exactly :memberships.
-- ---------------------------------------------------------------------------------------------
CREATE TEMP TABLE org_plan ON COMMIT DROP AS
WITH w AS (
    SELECT o, power(((o - 1) * 2147483647::bigint) % :orgs + 1, -(:skew)::float8) AS w
    FROM generate_series(1, :orgs) o
), c AS (
    SELECT o, sum(w) OVER (ORDER BY o) / sum(w) OVER () * :memberships AS cum FROM w
)
SELECT o,
       round(coalesce(lag(cum) OVER (ORDER BY o), 0))::bigint AS start_seq,
       least(round(cum)::bigint - round(coalesce(lag(cum) OVER (ORDER BY o), 0))::bigint, :users::bigint) AS size,
       floor(random() * :users)::bigint AS first_user
FROM c;
ALTER TABLE org_plan ADD PRIMARY KEY (o);
CREATE TABLE bench.org_ids AS
SELECT o AS n, 'org-' || bench.ulid(ms, a, b) AS id
FROM (SELECT o::bigint AS o, bench.org_ms(o) AS ms, bench.mix40(o, 991333224107) AS a, bench.mix40(o, 712182627931) AS b
      FROM generate_series(1, :orgs) o OFFSET 0) s;
ALTER TABLE bench.org_ids ADD PRIMARY KEY (n);

INSERT INTO organizations (id, name, slug, logo, premium_tier_id, member_count, created_at, updated_at)
SELECT id, name,
       left(btrim(regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g'), '-'), 48) || '-' || o,
       CASE WHEN r3 < 0.3 THEN 'https://cdn.example.my/logos/' || right(bench.b32(bench.mix40(o, 3141592653)), 8) || '.png' END,
       CASE WHEN r4 < 0.03 THEN 'tier-enterprise' WHEN r4 < 0.15 THEN 'tier-premium' END,
       size, created,
       CASE WHEN r5 < 0.4 THEN created + (now() - created) * random() ELSE created END
FROM (
    SELECT p.o, p.id, p.size, bench.ms_ts(bench.org_ms(p.o)) AS created, r3, r4, r5,
           CASE WHEN r1 < 0.08 THEN 'Kedai Runcit ' || ((:'malay_m')::text[])[1 + (r2 * array_length(((:'malay_m')::text[]), 1))::int % array_length(((:'malay_m')::text[]), 1)]
                WHEN r1 < 0.14 THEN 'Restoran ' || ((:'org_a')::text[])[1 + (r2 * array_length(((:'org_a')::text[]), 1))::int % array_length(((:'org_a')::text[]), 1)]
                WHEN r1 < 0.22 THEN ((:'cn_last')::text[])[1 + (r2 * array_length(((:'cn_last')::text[]), 1))::int % array_length(((:'cn_last')::text[]), 1)] || ' Brothers '
                                    || ((:'org_b')::text[])[1 + (r6 * array_length(((:'org_b')::text[]), 1))::int % array_length(((:'org_b')::text[]), 1)]
                ELSE ((:'org_a')::text[])[1 + (r2 * array_length(((:'org_a')::text[]), 1))::int % array_length(((:'org_a')::text[]), 1)] || ' '
                     || CASE WHEN r7 < 0.4 THEN ((:'org_a')::text[])[1 + (r7 * 2.5 * array_length(((:'org_a')::text[]), 1))::int % array_length(((:'org_a')::text[]), 1)] || ' ' ELSE '' END
                     || ((:'org_b')::text[])[1 + (r6 * array_length(((:'org_b')::text[]), 1))::int % array_length(((:'org_b')::text[]), 1)] || ' '
                     || ((:'org_suffix')::text[])[1 + (r8 * array_length(((:'org_suffix')::text[]), 1))::int % array_length(((:'org_suffix')::text[]), 1)]
           END AS name
    FROM (SELECT p.*, i.id, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8
          FROM org_plan p JOIN bench.org_ids i ON i.n = p.o) p
) o;

SELECT clock_timestamp() AS t_members \gset
-- ---------------------------------------------------------------------------------------------
-- Memberships: organization o takes users first_user + j * step (mod users), j < size; step is
-- coprime with the user count, so no user joins one organization twice.
-- ---------------------------------------------------------------------------------------------
INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at)
SELECT 'member-' || bench.ulid(ms, a, b), org_id, user_id, role, created, updated
FROM (
    SELECT org_id, user_id, role, created,
           CASE WHEN r2 < 0.1 THEN created + (now() - created) * random() ELSE created END AS updated,
           (extract(epoch FROM created) * 1000)::bigint AS ms,
           bench.mix40(seq, 991333224107) AS a, bench.mix40(seq, 712182627931) AS b
    FROM (
        SELECT oi.id AS org_id, ui.id AS user_id, seq, r2,
               CASE WHEN j = 0 OR r1 < 0.04 THEN 'admin' ELSE 'customer' END AS role,
               CASE WHEN j = 0 THEN since ELSE since + (now() - since) * power(r3, 2) END AS created
        FROM (
            SELECT p.o, j, p.start_seq + j + 1 AS seq,
                   (p.first_user + j::bigint * (2147483647 % :users)) % :users + 1 AS u,
                   random() r1, random() r2, random() r3
            FROM org_plan p
            CROSS JOIN LATERAL generate_series(0, p.size - 1) j
        ) a
        CROSS JOIN LATERAL (SELECT greatest(bench.ms_ts(bench.user_ms(a.u)), bench.ms_ts(bench.org_ms(a.o))) AS since) s
        JOIN bench.org_ids oi ON oi.n = a.o
        JOIN bench.user_ids ui ON ui.n = a.u
        OFFSET 0
    ) m
    OFFSET 0
) x;

SELECT clock_timestamp() AS t_indexes \gset
-- ---------------------------------------------------------------------------------------------
-- Rebuild indexes and constraints from the saved definitions; turn the trigger back on.
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT sql FROM saved_ddl ORDER BY step, sql LOOP
        EXECUTE r.sql;
    END LOOP;
END $$;
\if :has_user_search
ALTER TABLE users ENABLE TRIGGER user_search_inserted;
SELECT user_search_rebuild();
\endif
\if :has_count_trigger
ALTER TABLE memberships ENABLE TRIGGER memberships_count;
\else
-- (no per-row trigger in this schema version: recount the memberships into member_count)
UPDATE organizations o SET member_count = c.n
FROM (SELECT organization_id, count(*) AS n FROM memberships GROUP BY organization_id) c
WHERE o.id = c.organization_id AND o.member_count <> c.n;
\endif

DO $$
DECLARE bad bigint;
BEGIN
    SELECT count(*) INTO bad
    FROM organizations o
    LEFT JOIN (SELECT organization_id, count(*) AS n FROM memberships GROUP BY organization_id) m
           ON m.organization_id = o.id
    WHERE o.member_count <> coalesce(m.n, 0);
    IF bad > 0 THEN
        RAISE EXCEPTION 'member_count differs from the real count in % organizations', bad;
    END IF;
END $$;

-- Search terms for the benchmarks (wrk reads them from files, pgbench from these tables): 3..10
-- character substrings of real names and emails, and 1..2 character ones.
CREATE TABLE bench.search_terms AS
SELECT row_number() OVER () AS k, term FROM (
    SELECT btrim(substr(src, 1 + floor(random() * greatest(1, length(src) - len + 1))::int, len)) AS term
    FROM (
        SELECT CASE WHEN random() < 0.6 THEN name ELSE email END AS src, 3 + floor(random() * 8)::int AS len
        FROM users TABLESAMPLE BERNOULLI (least(100, 500000.0 / :users)) REPEATABLE (7)
        LIMIT 5000
    ) s
) t WHERE length(term) >= 3;
CREATE TABLE bench.short_terms AS
SELECT row_number() OVER () AS k, term FROM (
    SELECT substr(src, 1 + floor(random() * greatest(1, length(src) - len + 1))::int, len) AS term
    FROM (
        SELECT lower(regexp_replace(name, '[^A-Za-z]', '', 'g')) AS src, 1 + floor(random() * 2)::int AS len
        FROM users TABLESAMPLE BERNOULLI (least(100, 100000.0 / :users)) REPEATABLE (8)
        LIMIT 1000
    ) s
) t WHERE length(term) >= 1;
ALTER TABLE bench.search_terms ADD PRIMARY KEY (k);
ALTER TABLE bench.short_terms ADD PRIMARY KEY (k);

-- pgbench reads term k with \gset and sends it as a bind parameter, like the server.
SELECT (SELECT count(*) FROM bench.search_terms) AS n_search, (SELECT count(*) FROM bench.short_terms) AS n_short \gset
SELECT format($f$
CREATE FUNCTION bench.search_terms_count() RETURNS bigint LANGUAGE sql IMMUTABLE AS $b$ SELECT %s::bigint $b$;
CREATE FUNCTION bench.short_terms_count() RETURNS bigint LANGUAGE sql IMMUTABLE AS $b$ SELECT %s::bigint $b$;
$f$, :n_search, :n_short) AS ddl \gset
:ddl
-- Unique numbers for pgbench's create_user.sql.
CREATE SEQUENCE bench.pgbench_seq;
GRANT USAGE ON SCHEMA bench TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA bench TO PUBLIC;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA bench TO PUBLIC;

COMMIT;

SELECT clock_timestamp() AS t_vacuum \gset
VACUUM (FREEZE, ANALYZE) users;
VACUUM (FREEZE, ANALYZE) organizations;
VACUUM (FREEZE, ANALYZE) memberships;
SELECT clock_timestamp() AS t_end \gset

SELECT format('generate: users %s s, organizations %s s, memberships %s s, indexes+constraints+checks %s s, vacuum+analyze %s s, total %s s',
              round(extract(epoch FROM :'t_orgs'::timestamptz - :'t_users'::timestamptz)::numeric, 1),
              round(extract(epoch FROM :'t_members'::timestamptz - :'t_orgs'::timestamptz)::numeric, 1),
              round(extract(epoch FROM :'t_indexes'::timestamptz - :'t_members'::timestamptz)::numeric, 1),
              round(extract(epoch FROM :'t_vacuum'::timestamptz - :'t_indexes'::timestamptz)::numeric, 1),
              round(extract(epoch FROM :'t_end'::timestamptz - :'t_vacuum'::timestamptz)::numeric, 1),
              round(extract(epoch FROM :'t_end'::timestamptz - :'t_start'::timestamptz)::numeric, 1)) AS timing \gset
\echo :timing
SELECT format('generate: %s users, %s organizations, %s memberships; largest organizations: %s; median size %s; users without membership %s; database size %s',
              (SELECT count(*) FROM users), (SELECT count(*) FROM organizations), (SELECT count(*) FROM memberships),
              (SELECT string_agg(member_count::text, ', ') FROM (SELECT member_count FROM organizations ORDER BY member_count DESC LIMIT 5) t),
              (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY member_count) FROM organizations),
              (SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)),
              pg_size_pretty(pg_database_size(current_database()))) AS summary \gset
\echo :summary
