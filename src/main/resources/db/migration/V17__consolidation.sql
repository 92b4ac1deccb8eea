-- E3: Shopify's app/uninstalled stops new work for the shop: the link stays (shop/redact still
-- needs it, 48 hours later), its order deliveries from then on are ignored; linking the shop
-- again (a reinstall) clears it.
ALTER TABLE shops ADD COLUMN uninstalled_at timestamptz;

-- E7: an order covered by its month's consolidated e-invoice is consolidated.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('pending', 'consolidating', 'consolidated', 'individual',
    'needs-buyer-details', 'excluded', 'failed'));
CREATE INDEX orders_month ON orders (organization_id, month, status);
