-- Host agents and the one-time tokens that enroll them into a project.

-- An enrollment token is shown once; only the SHA-256 of its secret is kept. It enrolls one
-- agent (used_at set in the transaction that registers the agent), expires, and can be revoked.
create table enrollment_tokens (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations (id),
    project_id      bigint      not null references projects (id),
    secret_sha256   char(64)    not null unique check (secret_sha256 ~ '^[0-9a-f]{64}$'),
    description     text        not null default '' check (length(description) <= 200),
    created_by      bigint      not null references users (id),
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    used_by_agent   text,
    revoked_at      timestamptz,
    revoked_by      bigint      references users (id),
    check (expires_at > created_at),
    check ((used_at is null) = (used_by_agent is null)),
    check ((revoked_at is null) = (revoked_by is null))
);
create index enrollment_tokens_by_project on enrollment_tokens (project_id, created_at desc);

-- The id is the agent's identity on the wire and the CN of its client certificate. Host facts
-- are what the agent reported at enrollment and on its latest HELLO. A session is accepted only
-- for the current certificate (serial) of an agent that is not revoked.
create table agents (
    id                     text        primary key check (id ~ '^agent-[0-9a-f]{24}$'),
    organization_id        bigint      not null references organizations (id),
    project_id             bigint      not null references projects (id),
    enrollment_token_id    bigint      not null unique references enrollment_tokens (id),
    host_name              text        not null check (length(host_name) between 1 and 255),
    kernel                 text        not null check (length(kernel) between 1 and 255),
    bpftrace_version       text        check (length(bpftrace_version) <= 255),
    python_versions        text[]      not null default '{}' check (cardinality(python_versions) <= 16),
    -- Unknown until the first HELLO: ENROLL_REQUEST does not carry it.
    agent_version          text        check (length(agent_version) <= 255),
    -- Hex of the certificate's serial number and SHA-256 of its DER, both lowercase.
    certificate_serial     text        not null unique check (certificate_serial ~ '^[0-9a-f]{1,40}$'),
    certificate_sha256     char(64)    not null unique check (certificate_sha256 ~ '^[0-9a-f]{64}$'),
    certificate_not_after  timestamptz not null,
    enrolled_at            timestamptz not null,
    -- Written in batches by the gateway (heartbeats); ONLINE/OFFLINE is derived from it.
    last_seen_at           timestamptz,
    revoked_at             timestamptz,
    revoked_by             bigint      references users (id)
);
create index agents_by_project on agents (project_id, host_name);
create index agents_by_organization on agents (organization_id, host_name);

alter table enrollment_tokens add constraint enrollment_tokens_used_by_agent
    foreign key (used_by_agent) references agents (id);
