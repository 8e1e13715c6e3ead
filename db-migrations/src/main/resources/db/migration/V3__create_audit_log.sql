-- The audit log: one append-only, hash-chained sequence of rows per organization.
--
-- Each row's hash is an HMAC-SHA256 (keyed with a secret kept outside the database) over the
-- previous row's hash and every stored field, so an edit, a deletion or a re-chained rewrite is
-- found by recomputing the chain. The newest head is also anchored outside this database (a signed
-- file in the portal's data folder), so deleting the newest rows is found too. The triggers below
-- stop ordinary edits; detection does not rely on them (a superuser can switch them off).

create table audit_log (
    organization_id bigint      not null references organizations (id),
    -- 1, 2, 3, ... per organization without gaps: a gap means a deleted row.
    seq             bigint      not null check (seq > 0),
    at              timestamptz not null,
    -- null for changes made by the system (actor_name is then 'system:<component>').
    actor_user_id   bigint,
    actor_name      text        not null,
    action          text        not null,
    object_type     text        not null,
    object_id       text        not null,
    before_state    jsonb       not null,
    after_state     jsonb       not null,
    prev_hash       char(64)    not null check (prev_hash ~ '^[0-9a-f]{64}$'),
    hash            char(64)    not null check (hash ~ '^[0-9a-f]{64}$'),
    -- Also the index of the newest-first keyset pages: (organization_id, seq desc).
    primary key (organization_id, seq)
);
-- The history of one object, newest first.
create index audit_log_by_object on audit_log (organization_id, object_type, object_id, seq);

-- The head of each organization's chain. Appends lock this row (select ... for update), so seq
-- and prev_hash never fork under concurrent transactions; it is created on an organization's
-- first append.
create table audit_heads (
    organization_id bigint   primary key references organizations (id),
    seq             bigint   not null check (seq >= 0),
    hash            char(64) not null check (hash ~ '^[0-9a-f]{64}$')
);

-- Signed heads written every few rows in the appending transaction: a second witness of how long
-- the chain was, besides the anchor file. signature = HMAC(anchor key, organization, seq, hash, at).
create table audit_checkpoints (
    organization_id bigint      not null references organizations (id),
    seq             bigint      not null check (seq > 0),
    hash            char(64)    not null check (hash ~ '^[0-9a-f]{64}$'),
    at              timestamptz not null,
    -- Which audit key signed it (a short HMAC of a fixed label), to tell a replaced key from tampering.
    key_id          char(16)    not null,
    signature       char(64)    not null check (signature ~ '^[0-9a-f]{64}$'),
    primary key (organization_id, seq)
);

create function audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'integrity_constraint_violation';
end $$;

create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_append_only();
create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
    for each row execute function audit_append_only();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function audit_append_only();
