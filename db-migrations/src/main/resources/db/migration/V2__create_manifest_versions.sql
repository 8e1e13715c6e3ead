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
    -- The version active when the request opened; set again to the one active at the decision.
    -- While a request is open the portal diffs against whatever is active when it is read.
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

-- What follows holds whatever the application does: a mistaken call, a script or a direct insert
-- cannot approve a version without enough distinct reviewers, none of them its author.

-- Four eyes: nobody decides on a version they wrote; a decided request takes no more decisions.
create function approval_decisions_four_eyes() returns trigger language plpgsql as $$
declare
    version_author bigint;
    request_status text;
begin
    select v.author_id, r.status into version_author, request_status
    from approval_requests r join manifest_versions v on v.id = r.version_id
    where r.id = new.request_id;
    if new.reviewer_id = version_author then
        raise exception 'four eyes: user % wrote the version of approval request % and cannot decide it',
            new.reviewer_id, new.request_id using errcode = 'integrity_constraint_violation';
    end if;
    if request_status <> 'OPEN' then
        raise exception 'approval request % is % and takes no more decisions', new.request_id, request_status
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end $$;
create trigger approval_decisions_four_eyes before insert or update on approval_decisions
    for each row execute function approval_decisions_four_eyes();

-- A request is approved only once its distinct approvers (one decision per reviewer) reach the count.
create function approval_requests_enough_approvals() returns trigger language plpgsql as $$
declare
    approvals int;
begin
    if new.status = 'APPROVED' and old.status <> 'APPROVED' then
        select count(*) into approvals from approval_decisions
        where request_id = new.id and decision = 'APPROVE';
        if approvals < new.required_approvals then
            raise exception 'approval request % has % of % required approvals', new.id, approvals,
                new.required_approvals using errcode = 'integrity_constraint_violation';
        end if;
    end if;
    return new;
end $$;
create trigger approval_requests_enough_approvals before update on approval_requests
    for each row execute function approval_requests_enough_approvals();

-- States only move forward along the lifecycle, and a version is approved or rejected only through its request.
create function manifest_versions_transition() returns trigger language plpgsql as $$
begin
    if new.state = old.state then
        return new;
    end if;
    if (old.state, new.state) not in (('DRAFT', 'IN_REVIEW'), ('IN_REVIEW', 'APPROVED'), ('IN_REVIEW', 'REJECTED'),
            ('APPROVED', 'ACTIVE'), ('ACTIVE', 'SUPERSEDED')) then
        raise exception 'manifest version % cannot go from % to %', old.id, old.state, new.state
            using errcode = 'integrity_constraint_violation';
    end if;
    if new.state in ('APPROVED', 'REJECTED') and not exists (
            select 1 from approval_requests where version_id = new.id and status = new.state) then
        raise exception 'manifest version % has no % approval request', old.id, lower(new.state)
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end $$;
create trigger manifest_versions_transition before update on manifest_versions
    for each row execute function manifest_versions_transition();
