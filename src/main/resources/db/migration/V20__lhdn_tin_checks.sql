-- E5: LHDN's Validate TIN answers for buyers, reused instead of asking again (LHDN asks
-- integrators to cache them). One row per LHDN (its base URL: the simulator, the sandbox and
-- production each have their own register) and buyer. buyer is a keyed fingerprint of the
-- (TIN, registration type, registration number), never the numbers: an NRIC is personal data,
-- and this table is not tied to any order a customer's redaction could reach. valid: LHDN
-- answered 200 (true) or 404 (false); how long each is reused is TinChecks' concern.
CREATE TABLE lhdn_tin_checks (
    lhdn        text NOT NULL,
    buyer       text NOT NULL,
    valid       boolean NOT NULL,
    checked_at  timestamptz NOT NULL,
    PRIMARY KEY (lhdn, buyer)
);

CREATE INDEX lhdn_tin_checks_age ON lhdn_tin_checks (checked_at);
