-- What agents stream: aggregated observations, violations one by one, and drop reports.
--
-- observations and violations are range-partitioned by month on their time so a year stays
-- queryable and old months are dropped whole. The portal's PartitionMaintainer creates upcoming
-- months and drops those past the retention; this migration creates the months around now.
-- A default partition catches rows whose agent clock is far off, so a bad clock never loses data.
--
-- Idempotency: agents number these messages with one gap-free per-agent sequence and replay
-- from HELLO_ACK.lastStoredSequence. agent_sequences.stored_through is updated in the same
-- transaction as the rows, so "store if sequence > stored_through, then advance" is exactly-once.

create table agent_sequences (
    agent_id       text        primary key references agents (id),
    stored_through bigint      not null check (stored_through >= 0),
    updated_at     timestamptz not null default now()
);

create table observations (
    organization_id bigint      not null,
    agent_id        text        not null,
    sequence        bigint      not null,
    service_id      bigint      not null,
    module          text        not null,
    syscall         text        not null,
    program         text,
    count           bigint      not null check (count >= 1),
    first_seen      timestamptz not null,
    last_seen       timestamptz not null,
    sample_stack    jsonb       not null default '[]',
    check (last_seen >= first_seen)
) partition by range (first_seen);
create index observations_by_service on observations (service_id, first_seen);

create table violations (
    id              bigint      generated always as identity,
    organization_id bigint      not null,
    agent_id        text        not null,
    sequence        bigint      not null,
    service_id      bigint      not null,
    pid             int         not null,
    tid             int         not null,
    at              timestamptz not null,
    module          text        not null,
    syscall         text        not null,
    syscall_nr      int         not null,
    action          text        not null check (action in
                    ('RECORDED', 'ALERTED', 'STOPPED', 'KILLED', 'ACTION_FAILED')),
    stack           jsonb       not null default '[]',
    detail          text        not null default '',
    received_at     timestamptz not null,
    primary key (at, id)
) partition by range (at);
create index violations_by_organization on violations (organization_id, at desc, id desc);
create index violations_by_service on violations (service_id, at desc, id desc);

-- Small and rare: not partitioned. One row per service of a report.
create table drop_reports (
    agent_id             text        not null references agents (id),
    sequence             bigint      not null,
    organization_id      bigint      not null references organizations (id),
    service_id           bigint      not null references services (id),
    from_time            timestamptz not null,
    to_time              timestamptz not null,
    observations_dropped bigint      not null check (observations_dropped >= 0),
    violations_dropped   bigint      not null check (violations_dropped >= 0),
    kernel_events_lost   bigint      not null check (kernel_events_lost >= 0),
    received_at          timestamptz not null
);
-- No unique key: agent_sequences already makes each report stored once.
create index drop_reports_by_agent on drop_reports (agent_id, sequence);
create index drop_reports_by_service on drop_reports (service_id, to_time desc);

create table observations_default partition of observations default;
create table violations_default partition of violations default;

do $$
declare
    month date;
    parent text;
begin
    foreach parent in array array['observations', 'violations'] loop
        for i in -1..3 loop
            month := (date_trunc('month', now() at time zone 'UTC') + make_interval(months => i))::date;
            execute format(
                'create table %I partition of %I for values from (%L) to (%L)',
                parent || '_' || to_char(month, 'YYYY_MM'), parent,
                month::timestamp at time zone 'UTC', (month + interval '1 month')::timestamp at time zone 'UTC');
        end loop;
    end loop;
end
$$;
