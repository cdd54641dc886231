-- The audit trail (issue 15, docs/decisions/0019-audit-trail.md): one row per admin change, written in the
-- change's own transaction. position orders the trail in the order the changes committed: each writer takes it
-- from audit_head's single row, whose row lock it then holds until its commit, so a later position never
-- commits before an earlier one and a reader paging by position neither skips nor repeats an entry.
-- before_json and after_json hold the core's snapshot tree as JSON text (text, not jsonb: nothing queries inside
-- it, and the members keep the order the API shows them in).
create table audit_head (
    only_row      boolean default true not null primary key,
    last_position bigint  not null,
    check (only_row)
);

insert into audit_head (only_row, last_position) values (true, 0);

create table audit_entry (
    position       bigint                   not null primary key,
    at             timestamp with time zone not null,
    actor_name     varchar(400)             not null,
    actor_role     varchar(16)              not null,
    action         varchar(32)              not null,
    experiment_key varchar(64),
    before_json    text,
    after_json     text
);

create index audit_entry_experiment on audit_entry (experiment_key, position);
create index audit_entry_at on audit_entry (at);
