-- Per-user API tokens for /api/v1. A token is cg_<public_id>_<secret>: the public id finds the row,
-- the secret is stored only as its SHA-256 (it has 256 random bits, so a fast hash cannot be
-- brute-forced, and a slow one would only cost every API call). The token itself is never stored.

create table api_tokens (
    id              bigint generated always as identity primary key,
    user_id         bigint      not null references users (id),
    -- The owner's organization, so an ORG_ADMIN's listing and revocation stay in their tenant.
    organization_id bigint      not null references organizations (id),
    name            text        not null check (length(name) between 1 and 100),
    public_id       text        not null unique check (public_id ~ '^[a-z2-7]{16}$'),
    secret_sha256   char(64)    not null check (secret_sha256 ~ '^[0-9a-f]{64}$'),
    created_at      timestamptz not null,
    -- Updated at most once a minute, so an API client does not write a row per call.
    last_used_at    timestamptz,
    expires_at      timestamptz check (expires_at is null or expires_at > created_at),
    revoked_at      timestamptz,
    revoked_by      bigint      references users (id),
    check ((revoked_at is null) = (revoked_by is null))
);
create index api_tokens_by_user on api_tokens (user_id, created_at desc);
create index api_tokens_by_organization on api_tokens (organization_id, created_at desc);
-- A name tells a user's live tokens apart; a revoked token frees its name.
create unique index api_tokens_live_name on api_tokens (user_id, name) where revoked_at is null;
