-- E2: one row of e-invoice settings per organization (the supplier). Every column but the
-- defaults may be unset until the merchant completes them; the service refuses enabled = true
-- while any required value is missing. Secrets are bytea holding SecretBox output (key version,
-- nonce, AES-GCM ciphertext and tag), never the plaintext.
CREATE TABLE einvoice_settings (
    organization_id            text PRIMARY KEY,
    tin                        text,
    registration_type          text CHECK (registration_type IN ('BRN', 'NRIC', 'PASSPORT', 'ARMY')),
    registration_number        text,
    sst_number                 text NOT NULL,
    tourism_tax_number         text NOT NULL,
    msic_code                  text,
    business_activity          text,
    address_lines              text[],
    address_city               text,
    address_postcode           text,
    address_state              text,
    address_country            text,
    phone                      text,
    email                      text,
    default_classification     text NOT NULL,
    tax_type                   text NOT NULL,
    tax_types_by_rate          jsonb NOT NULL,
    lhdn_client                text NOT NULL CHECK (lhdn_client IN ('intermediary', 'own')),
    client_id                  text,
    client_secret              bytea,
    signing_keystore           bytea,
    signing_keystore_password  bytea,
    enabled                    boolean NOT NULL,
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    -- Deleting an organization deletes its settings in the same statement, after the
    -- organization's row is locked: the lock order of every writer is organization, then settings.
    CONSTRAINT einvoice_settings_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

-- E3: the Shopify shop linked to an organization; one shop per organization (the key) and one
-- organization per shop (the unique domain, which decides a 409).
CREATE TABLE shops (
    organization_id  text PRIMARY KEY,
    shop_domain      text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT shops_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT shops_shop_domain_key UNIQUE (shop_domain),
    CONSTRAINT shops_shop_domain_form CHECK (shop_domain ~ '^[a-z0-9][a-z0-9-]*\.myshopify\.com$')
);
