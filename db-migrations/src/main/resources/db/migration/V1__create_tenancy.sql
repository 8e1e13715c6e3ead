-- Tenancy: organizations, their users, projects, registered Python services and role grants.
-- Every tenant-owned row carries organization_id (directly or through its project) so that
-- each query can be scoped to the caller's organization.

create table organizations (
    id          bigint generated always as identity primary key,
    name        text        not null unique check (length(name) between 1 and 100),
    created_at  timestamptz not null default now()
);

-- Usernames are unique across organizations so login needs no organization field.
create table users (
    id                   bigint generated always as identity primary key,
    organization_id      bigint      not null references organizations (id),
    username             text        not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name         text        not null check (length(display_name) between 1 and 200),
    password_hash        text        not null,
    must_change_password boolean     not null default true,
    enabled              boolean     not null default true,
    created_at           timestamptz not null default now()
);
create index users_by_organization on users (organization_id, username);

create table projects (
    id                  bigint generated always as identity primary key,
    organization_id     bigint      not null references organizations (id),
    name                text        not null check (length(name) between 1 and 100),
    description         text        not null default '' check (length(description) <= 2000),
    -- How many distinct reviewers (never the author) must approve a manifest version.
    required_approvals  int         not null default 1 check (required_approvals between 1 and 5),
    -- false: an approved version becomes active at once; true: someone activates it.
    separate_activation boolean     not null default false,
    created_at          timestamptz not null default now(),
    unique (organization_id, name)
);

-- ORG_ADMIN, OPERATOR and AUDITOR are organization-wide (project_id is null).
-- PROJECT_OWNER, DEVELOPER and REVIEWER hold for one project, or for every project
-- of the organization when project_id is null.
create table role_grants (
    id              bigint generated always as identity primary key,
    user_id         bigint      not null references users (id),
    organization_id bigint      not null references organizations (id),
    project_id      bigint      references projects (id),
    role            text        not null check (role in
                    ('ORG_ADMIN', 'OPERATOR', 'AUDITOR', 'PROJECT_OWNER', 'DEVELOPER', 'REVIEWER')),
    created_at      timestamptz not null default now(),
    check (project_id is null or role in ('PROJECT_OWNER', 'DEVELOPER', 'REVIEWER')),
    unique nulls not distinct (user_id, project_id, role)
);
create index role_grants_by_project on role_grants (project_id);

create table services (
    id               bigint generated always as identity primary key,
    project_id       bigint      not null references projects (id),
    name             text        not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    description      text        not null default '' check (length(description) <= 2000),
    repository_url   text        check (repository_url is null or repository_url ~ '^https?://'),
    owner            text        not null default '' check (length(owner) <= 200),
    -- e.g. cpython-3.11; the engine refuses interpreters it cannot read.
    interpreter      text        not null default 'cpython-3.11',
    -- How agents recognise the service's processes: an executable path with an optional
    -- argument pattern (a Java regex), or a systemd unit.
    match_executable text        check (match_executable is null or match_executable like '/%'),
    match_arguments  text,
    systemd_unit     text        check (systemd_unit is null or systemd_unit ~ '^[A-Za-z0-9@._:-]+\.service$'),
    created_at       timestamptz not null default now(),
    check ((match_executable is not null) <> (systemd_unit is not null)),
    check (match_arguments is null or match_executable is not null),
    unique (project_id, name)
);
