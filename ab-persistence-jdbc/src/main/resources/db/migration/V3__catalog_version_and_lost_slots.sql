-- R2 across server instances: every create and every stop makes a new catalog version, in the
-- same transaction as the change. A registration reads the version while it holds the catalog
-- lock (JdbcDevices), so it enrolls into the set that stands when it commits
-- (docs/decisions/0005-exact-slots-and-one-running-set.md).
create table experiment_catalog (
    id      smallint not null primary key check (id = 1),
    version bigint   not null check (version >= 0)
);

-- Version 1: the shipped experiments of V2.
insert into experiment_catalog (id, version) values (1, 1);

-- R3 after failures: a slot that a registration took from its experiment's sequence and never
-- stored (rolled back, killed, database crash) is found below the highest stored slot and put
-- here; the next registrations take these before new ones. Taking one is part of the
-- registration's transaction, so a rollback puts it back.
create table free_slot (
    experiment_key varchar(64) not null references experiment (experiment_key),
    slot           bigint      not null check (slot >= 0),
    primary key (experiment_key, slot)
);

-- Every slot of the experiment below checked_below is held by an assignment or waits in
-- free_slot: the search for lost slots starts here, not at 0.
create table slot_check (
    experiment_key varchar(64) not null primary key references experiment (experiment_key),
    checked_below  bigint      not null check (checked_below >= 0)
);

insert into slot_check (experiment_key, checked_below)
select experiment_key, 0 from experiment;
