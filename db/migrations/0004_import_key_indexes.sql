-- Case-insensitive identity keys used to find existing records during imports.
CREATE INDEX IF NOT EXISTS customers_tenant_email_lower_idx ON customers (tenant_id, lower(email));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS products_tenant_sku_lower_idx ON products (tenant_id, lower(sku));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS invoices_tenant_number_lower_idx ON invoices (tenant_id, lower(number));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS inventory_levels_tenant_sku_lower_idx ON inventory_levels (tenant_id, lower(sku));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS leads_tenant_email_lower_idx ON leads (tenant_id, lower(email));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS leads_tenant_phone_idx ON leads (tenant_id, phone);
