-- The MyInvois simulator's own state (docs/SIMULATOR.md), in a schema of its own so that it can
-- share the product's database without touching it.

CREATE TABLE clients (
    client_id     text PRIMARY KEY,
    secret_sha256 text NOT NULL,
    -- The client's own TIN (an intermediary's); NULL for clients of the development mode.
    tin           text,
    -- Taxpayers the client may act for with onbehalfof; NULL means any (development mode).
    taxpayers     text[]
);

CREATE TABLE tokens (
    token_sha256 text PRIMARY KEY,
    client_id    text NOT NULL REFERENCES clients ON DELETE CASCADE,
    taxpayer_tin text NOT NULL,
    expires_at   timestamptz NOT NULL
);

CREATE TABLE taxpayers (
    tin      text NOT NULL,
    id_type  text NOT NULL,
    id_value text NOT NULL,
    PRIMARY KEY (tin, id_type, id_value)
);

CREATE TABLE submissions (
    submission_uid text PRIMARY KEY,
    client_id      text NOT NULL,
    client_tin     text,
    taxpayer_tin   text NOT NULL,
    payload_sha256 text NOT NULL,
    received_at    timestamptz NOT NULL
);
CREATE INDEX submissions_duplicates ON submissions (taxpayer_tin, payload_sha256, received_at);

CREATE TABLE documents (
    uuid           text PRIMARY KEY,
    submission_uid text NOT NULL REFERENCES submissions,
    position       int NOT NULL,
    code_number    text NOT NULL,
    internal_id    text,
    type_code      text,
    version        text,
    issuer_tin     text,
    issuer_name    text,
    receiver_id    text,
    receiver_name  text,
    issued_at      text,
    total_excluding_tax numeric,
    total_discount      numeric,
    total_net_amount    numeric,
    total_payable       numeric,
    bytes          bytea NOT NULL,
    sha256         text NOT NULL,
    status         text NOT NULL,
    long_id        text,
    validation     jsonb,
    received_at    timestamptz NOT NULL,
    validated_at   timestamptz,
    cancelled_at   timestamptz,
    cancel_reason  text,
    referenced_uuids text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX documents_by_submission ON documents (submission_uid, position);
CREATE INDEX documents_by_issuer ON documents (issuer_tin, received_at);
CREATE INDEX documents_referencing ON documents USING gin (referenced_uuids);

-- Calls per client ID, API and minute: the budgets of EINVOICE E6, and the per-minute log.
CREATE TABLE calls (
    client_id text NOT NULL,
    api       text NOT NULL,
    minute    timestamptz NOT NULL,
    calls     int NOT NULL,
    refused   int NOT NULL DEFAULT 0,
    logged    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (client_id, api, minute)
);
CREATE INDEX calls_to_log ON calls (minute) WHERE NOT logged;
