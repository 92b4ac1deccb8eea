-- Trigram indexes serve the case-insensitive substring searches of SPEC A5.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE premium_tiers (
    id                   text PRIMARY KEY,
    name                 text NOT NULL,
    features             text[] NOT NULL,
    max_users            integer NOT NULL,
    max_storage          bigint NOT NULL,
    api_calls_per_month  bigint NOT NULL,
    position             integer NOT NULL
);

INSERT INTO premium_tiers (id, name, features, max_users, max_storage, api_calls_per_month, position) VALUES
    ('tier-premium', 'Premium',
     ARRAY['e-invoice-submission', 'bulk-import', 'priority-support'],
     50, 10737418240, 100000, 1),
    ('tier-enterprise', 'Enterprise',
     ARRAY['e-invoice-submission', 'bulk-import', 'priority-support', 'dedicated-account-manager', 'custom-integrations'],
     1000, 107374182400, 1000000, 2);

CREATE TABLE users (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    first_name  text,
    last_name   text,
    email       text NOT NULL,
    phone       text,
    dob         date,
    role        text NOT NULL CHECK (role IN ('super-admin', 'admin', 'customer')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- SPEC A5: email is unique case-insensitively; the database decides.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_created_order ON users (created_at, id);
CREATE INDEX users_name_trgm ON users USING gin (name gin_trgm_ops);
CREATE INDEX users_email_trgm ON users USING gin (email gin_trgm_ops);

CREATE TABLE organizations (
    id               text PRIMARY KEY,
    name             text NOT NULL,
    slug             text NOT NULL,
    logo             text,
    premium_tier_id  text REFERENCES premium_tiers (id),
    member_count     integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT organizations_slug_key UNIQUE (slug)
);

CREATE INDEX organizations_created_order ON organizations (created_at, id);
CREATE INDEX organizations_name_trgm ON organizations USING gin (name gin_trgm_ops);

CREATE TABLE memberships (
    id               text PRIMARY KEY,
    organization_id  text NOT NULL,
    user_id          text NOT NULL,
    role             text NOT NULL CHECK (role IN ('admin', 'customer')),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT memberships_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT memberships_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT memberships_organization_user_key UNIQUE (organization_id, user_id)
);

CREATE INDEX memberships_organization_order ON memberships (organization_id, created_at, id);
CREATE INDEX memberships_user_order ON memberships (user_id, created_at, id);

-- memberCount must always be the true total (SPEC A4), including when a user's deletion
-- cascades to their memberships, so the database keeps it rather than each write path.
CREATE FUNCTION memberships_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE organizations SET member_count = member_count + 1 WHERE id = NEW.organization_id;
    ELSE
        UPDATE organizations SET member_count = member_count - 1 WHERE id = OLD.organization_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER memberships_count
    AFTER INSERT OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION memberships_count();
