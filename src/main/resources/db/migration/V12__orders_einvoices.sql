-- E3: the Shopify orders of an organization, addressed by Shopify's order id. body is the order
-- as Shopify sent it (the first version, replaced only by a later version that brings a new
-- refund or the cancellation), kept for re-processing (a pending order is classified from it once
-- the settings are complete) and for redaction (E9). month is the calendar month
-- of processed_at in Asia/Kuala_Lumpur, the month whose consolidation takes the order (E7).
CREATE TABLE orders (
    organization_id   text NOT NULL,
    shopify_order_id  bigint NOT NULL CHECK (shopify_order_id > 0),
    name              text NOT NULL,
    order_number      bigint NOT NULL,
    processed_at      timestamptz NOT NULL,
    month             text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
    currency          text NOT NULL,
    test              boolean NOT NULL,
    payable           numeric(15, 2) NOT NULL,
    status            text NOT NULL CHECK (status IN ('pending', 'consolidating', 'individual', 'needs-buyer-details',
                                                      'excluded', 'failed')),
    status_reason     text,
    cancelled_at      timestamptz,
    body              jsonb NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (organization_id, shopify_order_id),
    CONSTRAINT orders_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE INDEX orders_list ON orders (organization_id, created_at, shopify_order_id);
CREATE INDEX orders_pending ON orders (organization_id, created_at) WHERE status = 'pending';

-- E5: each Shopify refund of an order once (a later version of the order repeats the earlier
-- refunds). money_returned is the sum of its successful refund transactions; einvoice_id is its
-- note, if it has one; outcome says what became of it.
CREATE TABLE order_refunds (
    organization_id    text NOT NULL,
    shopify_order_id   bigint NOT NULL,
    shopify_refund_id  bigint NOT NULL,
    money_returned     numeric(15, 2) NOT NULL,
    body               jsonb NOT NULL,
    einvoice_id        text,
    outcome            text NOT NULL,
    refunded_at        timestamptz NOT NULL,
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (organization_id, shopify_refund_id),
    CONSTRAINT order_refunds_order_fkey FOREIGN KEY (organization_id, shopify_order_id)
        REFERENCES orders (organization_id, shopify_order_id) ON DELETE CASCADE
);

CREATE INDEX order_refunds_order ON order_refunds (organization_id, shopify_order_id);

-- E4, E6, E8: one LHDN document of any type. document holds the exact bytes (signed for 1.1)
-- once built; a note stays without one until its original has LHDN's UUID. Deleting an
-- organization deletes its e-invoices only while none was ever submitted: OrganizationService
-- answers 409 otherwise (tax law keeps submitted documents), so the cascade meets drafts only.
CREATE TABLE einvoices (
    id                 text PRIMARY KEY,
    organization_id    text NOT NULL,
    number             text NOT NULL CHECK (number ~ '^[A-Za-z0-9]{1,50}$'),
    type               text NOT NULL CHECK (type IN ('01', '02', '03', '04')),
    consolidated       boolean NOT NULL,
    status             text NOT NULL CHECK (status IN ('draft', 'queued', 'submitted', 'valid', 'invalid', 'cancelled')),
    original_id        text REFERENCES einvoices (id) ON DELETE CASCADE,
    month              text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
    buyer              jsonb NOT NULL,
    currency           text NOT NULL,
    excluding_tax      numeric(15, 2) NOT NULL,
    tax                numeric(15, 2) NOT NULL,
    including_tax      numeric(15, 2) NOT NULL,
    payable            numeric(15, 2) NOT NULL,
    lines              jsonb NOT NULL,
    document           bytea,
    document_sha256    text CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
    submission_uid     text,
    uuid               text,
    long_id            text,
    errors             jsonb NOT NULL DEFAULT '[]',
    issued_at          timestamptz,
    submitted_at       timestamptz,
    validated_at       timestamptz,
    cancelled_at       timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT einvoices_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT einvoices_number_key UNIQUE (organization_id, number),
    CONSTRAINT einvoices_document_digest CHECK ((document IS NULL) = (document_sha256 IS NULL)),
    CONSTRAINT einvoices_note_original CHECK ((type IN ('02', '03', '04')) = (original_id IS NOT NULL) OR consolidated)
);

CREATE INDEX einvoices_list ON einvoices (organization_id, created_at, id);
CREATE INDEX einvoices_month ON einvoices (organization_id, month) WHERE consolidated;
CREATE INDEX einvoices_original ON einvoices (original_id) WHERE original_id IS NOT NULL;

-- Which orders an e-invoice covers: one for an individual e-invoice and its notes, many for a
-- consolidated one.
CREATE TABLE einvoice_orders (
    einvoice_id       text NOT NULL REFERENCES einvoices (id) ON DELETE CASCADE,
    organization_id   text NOT NULL,
    shopify_order_id  bigint NOT NULL,
    PRIMARY KEY (einvoice_id, shopify_order_id),
    CONSTRAINT einvoice_orders_order_fkey FOREIGN KEY (organization_id, shopify_order_id)
        REFERENCES orders (organization_id, shopify_order_id) ON DELETE CASCADE
);

CREATE INDEX einvoice_orders_order ON einvoice_orders (organization_id, shopify_order_id);

-- E6: every status change of an e-invoice, with why, and LHDN's answer when LHDN caused it.
CREATE TABLE einvoice_status_changes (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    einvoice_id          text NOT NULL REFERENCES einvoices (id) ON DELETE CASCADE,
    from_status          text,
    to_status            text NOT NULL,
    changed_at           timestamptz NOT NULL,
    reason               text NOT NULL,
    lhdn_correlation_id  text,
    lhdn_response        jsonb
);

CREATE INDEX einvoice_status_changes_einvoice ON einvoice_status_changes (einvoice_id, id);

-- E4: the last internal number of each series (INV, CN, RN, DN, CON202611…) of an organization,
-- taken in the transaction that stores the document, so a number is never given twice.
CREATE TABLE einvoice_numbers (
    organization_id  text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    series           text NOT NULL,
    last_number      bigint NOT NULL,
    PRIMARY KEY (organization_id, series)
);
