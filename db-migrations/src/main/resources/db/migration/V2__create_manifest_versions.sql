-- Versioned capability manifests per service and their approval requests.

create table manifest_versions (
    id             bigint generated always as identity primary key,
    service_id     bigint      not null references services (id),
    version        int         not null check (version > 0),
    state          text        not null check (state in
                   ('DRAFT', 'IN_REVIEW', 'APPROVED', 'ACTIVE', 'REJECTED', 'SUPERSEDED')),
    -- The YAML as its author wrote it (comments kept) and its canonical JSON form.
    content        text        not null check (length(content) <= 4194304),
    canonical_json text        not null,
    -- sha256 of the canonical form: formatting and key order do not change it.
    hash           char(64)    not null check (hash ~ '^[0-9a-f]{64}$'),
    module_count   int         not null,
    author_id      bigint      not null references users (id),
    created_at     timestamptz not null default now(),
    submitted_at   timestamptz,
    decided_at     timestamptz,
    activated_at   timestamptz,
    superseded_at  timestamptz,
    unique (service_id, version)
);
-- A service has at most one active version, whatever the application does.
create unique index manifest_versions_one_active on manifest_versions (service_id) where state = 'ACTIVE';
create index manifest_versions_by_hash on manifest_versions (hash);

-- Once submitted a version is immutable: only its state and state timestamps may change.
create function manifest_versions_immutable() returns trigger language plpgsql as $$
begin
    if old.state <> 'DRAFT' and (new.content is distinct from old.content
            or new.canonical_json is distinct from old.canonical_json
            or new.hash is distinct from old.hash
            or new.service_id is distinct from old.service_id
            or new.version is distinct from old.version
            or new.author_id is distinct from old.author_id) then
        raise exception 'manifest version % is % and can no longer change', old.id, old.state
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end $$;
create trigger manifest_versions_immutable before update on manifest_versions
    for each row execute function manifest_versions_immutable();

create table approval_requests (
    id                 bigint generated always as identity primary key,
    version_id         bigint      not null unique references manifest_versions (id),
    requested_by       bigint      not null references users (id),
    reason             text        not null check (length(reason) between 1 and 4000),
    -- The version that was active when the request opened (what the diff is against).
    base_version_id    bigint      references manifest_versions (id),
    required_approvals int         not null check (required_approvals between 1 and 5),
    status             text        not null check (status in ('OPEN', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    created_at         timestamptz not null default now(),
    decided_at         timestamptz
);
create index approval_requests_open on approval_requests (status, created_at) where status = 'OPEN';

create table approval_decisions (
    id          bigint generated always as identity primary key,
    request_id  bigint      not null references approval_requests (id),
    reviewer_id bigint      not null references users (id),
    decision    text        not null check (decision in ('APPROVE', 'REJECT')),
    comment     text        not null default '' check (length(comment) <= 4000),
    created_at  timestamptz not null default now(),
    unique (request_id, reviewer_id)
);

create table approval_comments (
    id         bigint generated always as identity primary key,
    request_id bigint      not null references approval_requests (id),
    author_id  bigint      not null references users (id),
    body       text        not null check (length(body) between 1 and 4000),
    created_at timestamptz not null default now()
);
create index approval_comments_by_request on approval_comments (request_id, id);
