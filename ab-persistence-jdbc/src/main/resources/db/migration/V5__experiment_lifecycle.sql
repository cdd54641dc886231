-- Experiment lifecycle (issue 13, docs/decisions/0010-experiment-lifecycle.md): statuses DRAFT,
-- SCHEDULED and CLOSED beside RUNNING and STOPPED, and the schedule. Written for PostgreSQL and H2
-- (MODE=PostgreSQL) alike: V1's status column is too narrow for SCHEDULED and its unnamed check
-- constraint has a different name on each, so a new column takes its place, and dropping the old
-- one drops that constraint on both.
alter table experiment add column lifecycle_status varchar(9) not null default 'RUNNING'
    check (lifecycle_status in ('DRAFT', 'SCHEDULED', 'RUNNING', 'CLOSED', 'STOPPED'));
update experiment set lifecycle_status = status;
drop index experiment_running;
alter table experiment drop column status;
alter table experiment rename column lifecycle_status to status;
alter table experiment alter column status drop default;

-- When it starts and ends by itself (null: not scheduled), when it really started running (R2
-- counts from there; null while it never ran), and what its end does.
alter table experiment add column start_at timestamp with time zone;
alter table experiment add column end_at timestamp with time zone;
alter table experiment add column started_at timestamp with time zone;
alter table experiment add column end_action varchar(5) not null default 'STOP'
    check (end_action in ('CLOSE', 'STOP'));
alter table experiment alter column end_action drop default;

-- Every experiment so far ran from its creation.
update experiment set started_at = created_at;

-- The served experiments (RUNNING, CLOSED) in creation order: every registration after a catalog
-- change, and every refresh of the served set.
create index experiment_served on experiment (status, id);
