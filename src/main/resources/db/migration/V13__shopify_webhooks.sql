-- E3: every Shopify webhook delivery whose HMAC verified, stored in the request's transaction
-- and worked on afterwards by jobs. Shopify's X-Shopify-Webhook-Id is the same on each retry of a
-- delivery: the unique key turns a redelivery into a no-op. The body is kept as the exact bytes
-- signed (bytea, not jsonb: jsonb would reorder keys, drop duplicate ones and refuse \u0000).
-- organization_id is the shop's organization when the delivery arrived, filled in by the claim
-- once a shop linked later is linked; a delivery of a shop never linked is purged after 30 days.
CREATE TABLE shopify_webhook_deliveries (
    id               text PRIMARY KEY,
    webhook_id       text NOT NULL,
    event_id         text,
    topic            text NOT NULL,
    shop_domain      text NOT NULL,
    triggered_at     timestamptz,
    api_version      text,
    body             bytea NOT NULL,
    received_at      timestamptz NOT NULL,
    organization_id  text,
    state            text NOT NULL CHECK (state IN ('received', 'processed', 'ignored', 'failed')),
    reason           text,
    processed_at     timestamptz,
    CONSTRAINT shopify_webhook_deliveries_webhook_id_key UNIQUE (webhook_id),
    CONSTRAINT shopify_webhook_deliveries_organization_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id) ON DELETE SET NULL,
    CONSTRAINT shopify_webhook_deliveries_settled CHECK ((state = 'received') = (processed_at IS NULL)),
    CONSTRAINT shopify_webhook_deliveries_reason CHECK (state IN ('received', 'processed') OR reason IS NOT NULL)
);

-- The claim reads the waiting deliveries in arrival order; the rest of the table is history.
CREATE INDEX shopify_webhook_deliveries_waiting ON shopify_webhook_deliveries (received_at, id) WHERE state = 'received';
CREATE INDEX shopify_webhook_deliveries_shop ON shopify_webhook_deliveries (shop_domain);
CREATE INDEX shopify_webhook_deliveries_organization ON shopify_webhook_deliveries (organization_id);
