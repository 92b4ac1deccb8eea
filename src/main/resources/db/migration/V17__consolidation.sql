-- E3: Shopify's app/uninstalled stops new work for the shop: the link stays (shop/redact still
-- needs it, 48 hours later), its order deliveries from then on are ignored; linking the shop
-- again (a reinstall) clears it.
ALTER TABLE shops ADD COLUMN uninstalled_at timestamptz;
