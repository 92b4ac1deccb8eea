-- Emails are now stored case-folded by one rule: Java's lower case of the upper case (Unicode's
-- full case mapping; UserRules.normaliseEmail). Rows stored before by a plain lower case differ
-- only where that mapping differs: 'ß' (now 'ss') and a 'σ' ending a word (now 'ς'). PostgreSQL's
-- lower() knows neither, so both are rewritten here, with the letters spelled out rather than
-- taken from the database's locale. A row whose folded form another user already holds keeps its
-- old form: deciding which of the two accounts is the real one is not a migration's call.
UPDATE users AS u
SET email = folded.email
FROM (
    SELECT id, regexp_replace(replace(email, 'ß', 'ss'),
                              '(?<=[a-zà-ÿα-ωάέήίόύώϊϋΐΰ])σ(?![a-zà-ÿα-ωάέήίόύώϊϋΐΰ])', 'ς', 'g') AS email
    FROM users
) AS folded
WHERE folded.id = u.id
  AND folded.email <> u.email
  AND NOT EXISTS (SELECT 1 FROM users AS other WHERE other.id <> u.id AND lower(other.email) = lower(folded.email));
