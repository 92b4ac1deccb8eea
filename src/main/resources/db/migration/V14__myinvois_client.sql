-- E6: the LHDN budget of each client ID and API, shared by every instance. One row holds the
-- calls of the current calendar minute and, after a 429, the time before which nobody calls.
CREATE TABLE lhdn_budgets (
    client_id        text NOT NULL,
    api              text NOT NULL,
    minute           timestamptz NOT NULL,
    calls            integer NOT NULL CHECK (calls >= 0),
    throttled_until  timestamptz,
    PRIMARY KEY (client_id, api)
);

-- E6: one LHDN token per (client ID, taxpayer as onbehalfof names it), shared by every
-- instance. access_token is SecretBox output (key version, nonce, AES-GCM ciphertext and tag),
-- never the plaintext.
CREATE TABLE lhdn_tokens (
    client_id     text NOT NULL,
    taxpayer      text NOT NULL,
    access_token  bytea NOT NULL,
    expires_at    timestamptz NOT NULL,
    obtained_at   timestamptz NOT NULL,
    PRIMARY KEY (client_id, taxpayer)
);
