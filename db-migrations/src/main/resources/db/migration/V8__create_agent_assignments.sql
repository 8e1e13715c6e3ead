-- Which services each agent supervises, in which mode, and what the agent last reported about them.

-- An agent supervises only services of the project it was enrolled into: the composite keys below
-- hold that whatever the application does.
alter table agents add constraint agents_id_project unique (id, project_id);
alter table services add constraint services_id_project unique (id, project_id);

-- Bumped with every change to what the agent must supervise (assignments, modes, the active manifest of an
-- assigned service), so the agent can ignore an ASSIGNMENTS older than one it already applied.
alter table agents add column assignments_revision bigint not null default 0 check (assignments_revision >= 0);

create table agent_assignments (
    agent_id     text        not null,
    service_id   bigint      not null,
    project_id   bigint      not null references projects (id),
    mode         text        not null check (mode in ('OBSERVE', 'ALERT', 'STOP', 'KILL')),
    assigned_by  bigint      not null references users (id),
    assigned_at  timestamptz not null,
    changed_by   bigint      not null references users (id),
    changed_at   timestamptz not null,
    primary key (agent_id, service_id),
    foreign key (agent_id, project_id) references agents (id, project_id),
    foreign key (service_id, project_id) references services (id, project_id)
);
create index agent_assignments_by_service on agent_assignments (service_id);

-- The latest protection status per agent, service and process (pid 0: the service as a whole). Each
-- ASSIGNMENT_STATUS frame replaces the rows of the services it mentions; unassigning deletes them.
create table protection_statuses (
    agent_id    text        not null,
    service_id  bigint      not null,
    pid         int         not null check (pid >= 0),
    state       text        not null check (state in ('PROTECTED', 'NOT_PROTECTED')),
    reason      text        not null check (length(reason) between 1 and 64),
    detail      text        not null default '' check (length(detail) <= 4096),
    revision    bigint      not null check (revision >= 0),
    reported_at timestamptz not null,
    primary key (agent_id, service_id, pid),
    foreign key (agent_id, service_id) references agent_assignments (agent_id, service_id) on delete cascade,
    check ((state = 'PROTECTED') = (reason = 'NONE'))
);
