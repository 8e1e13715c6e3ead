-- Observation entries are stored one row per (agent batch, service) with the entries as parallel arrays,
-- instead of one row per entry. An agent sends entries in batches (one observation window: up to thousands of
-- (module, syscall) pairs), and at one row per entry PostgreSQL's per-row work (a heap tuple, a b-tree entry,
-- a WAL record, the executor) was most of the database's time at ingest; see docs/benchmarks.md, "Fleet
-- ingestion". Reading goes through the view "observations", which has the old table's columns (one row per
-- entry) plus the batch's first_seen/last_seen, which callers add to their time filters so that partitions are
-- pruned and the index is used.
--
-- Partitioned by month on the batch's earliest first_seen, like before; PartitionMaintainer keeps the months.

create table observation_batches (
    organization_id bigint        not null,
    agent_id        text          not null,
    sequence        bigint        not null,
    service_id      bigint        not null,
    first_seen      timestamptz   not null,  -- the earliest entry's first_seen
    last_seen       timestamptz   not null,  -- the latest entry's last_seen
    modules         text[]        not null,
    syscalls        text[]        not null,
    programs        text[]        not null,  -- NULL elements: no exec
    counts          bigint[]      not null,
    first_seens     timestamptz[] not null,
    last_seens      timestamptz[] not null,
    sample_stacks   jsonb[]       not null,  -- NULL elements: no sample stack with the entry
    check (last_seen >= first_seen),
    check (cardinality(modules) >= 1
           and cardinality(syscalls) = cardinality(modules) and cardinality(programs) = cardinality(modules)
           and cardinality(counts) = cardinality(modules) and cardinality(first_seens) = cardinality(modules)
           and cardinality(last_seens) = cardinality(modules) and cardinality(sample_stacks) = cardinality(modules))
) partition by range (first_seen);
create index observation_batches_by_service on observation_batches (service_id, first_seen);

-- The portal splits a batch's entries into rows of at most about 7 KB, and each partition keeps rows up to
-- 8160 bytes inline (toast_tuple_target): reading the arrays then costs no TOAST lookups. Columns of a larger row
-- (an entry with a very long stack) go out of line uncompressed (storage external): PostgreSQL's default
-- compression, pglz, took most of the database's time in the fleet benchmark. Partitions inherit the storage;
-- toast_tuple_target is set on each partition (here and by PartitionMaintainer).
alter table observation_batches alter column modules set storage external,
    alter column syscalls set storage external, alter column programs set storage external,
    alter column counts set storage external, alter column first_seens set storage external,
    alter column last_seens set storage external, alter column sample_stacks set storage external;
create table observation_batches_default partition of observation_batches default with (toast_tuple_target = 8160);

do $$
declare
    month date;
begin
    for i in -1..3 loop
        month := (date_trunc('month', now() at time zone 'UTC') + make_interval(months => i))::date;
        execute format('create table %I partition of observation_batches for values from (%L) to (%L) '
                       'with (toast_tuple_target = 8160)',
            'observation_batches_' || to_char(month, 'YYYY_MM'),
            month::timestamp at time zone 'UTC', (month + interval '1 month')::timestamp at time zone 'UTC');
    end loop;
end
$$;

-- What was stored one row per entry becomes one row per (agent, sequence, service), entries in their old order.
insert into observation_batches (organization_id, agent_id, sequence, service_id, first_seen, last_seen, modules,
        syscalls, programs, counts, first_seens, last_seens, sample_stacks)
select organization_id, agent_id, sequence, service_id, min(first_seen), max(last_seen),
       array_agg(module order by ctid), array_agg(syscall order by ctid), array_agg(program order by ctid),
       array_agg(count order by ctid), array_agg(first_seen order by ctid), array_agg(last_seen order by ctid),
       array_agg(case when sample_stack = '[]'::jsonb then null else sample_stack end order by ctid)
from observations
group by organization_id, agent_id, sequence, service_id;

drop table observations;

create view observations as
select b.organization_id, b.agent_id, b.sequence, b.service_id, e.module, e.syscall, e.program, e.count,
       e.first_seen, e.last_seen, coalesce(e.sample_stack, '[]'::jsonb) as sample_stack,
       b.first_seen as batch_first_seen, b.last_seen as batch_last_seen
from observation_batches b
cross join lateral unnest(b.modules, b.syscalls, b.programs, b.counts, b.first_seens, b.last_seens,
                          b.sample_stacks) as e(module, syscall, program, count, first_seen, last_seen, sample_stack);
