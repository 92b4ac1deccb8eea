-- E3: Shopify's app/uninstalled stops new work for the shop: the link stays (shop/redact still
-- needs it, 48 hours later), its order deliveries from then on are ignored; linking the shop
-- again (a reinstall) clears it.
ALTER TABLE shops ADD COLUMN uninstalled_at timestamptz;

-- E7: an order covered by its month's consolidated e-invoice is consolidated.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('pending', 'consolidating', 'consolidated', 'individual',
    'needs-buyer-details', 'excluded', 'failed'));
CREATE INDEX orders_month ON orders (organization_id, month, status);

-- E9 customers/data_request: what Invois holds about a customer's orders, for the merchant's app to
-- fetch (GET …/privacy-exports); kept 90 days (docs/EINVOICING.md, Privacy).
CREATE TABLE privacy_exports (
    id               text PRIMARY KEY,
    organization_id  text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    data_request_id  text,
    customer_id      bigint,
    orders           jsonb NOT NULL,
    created_at       timestamptz NOT NULL
);

CREATE INDEX privacy_exports_list ON privacy_exports (organization_id, created_at, id);
