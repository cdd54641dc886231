-- The abkit schema. Written in the SQL subset that PostgreSQL and H2 (MODE=PostgreSQL) share,
-- so one set of migrations serves both; see SqlDialect for the few statements that differ.

-- Experiments. The key is the natural identity (never reused, also after a stop); the id is only
-- the creation order, which is what devices see their keys in, and names the slot sequence.
create table experiment (
    id             bigint                   not null primary key,
    experiment_key varchar(64)              not null unique,
    status         varchar(7)               not null check (status in ('RUNNING', 'STOPPED')),
    created_at     timestamp with time zone not null,
    seed           bigint                   not null
);

-- Ids come from here before the experiment's slot sequence is created (see JdbcExperiments).
create sequence experiment_id_seq start with 1 increment by 1;

-- Options and their weights, immutable after creation (R1). position keeps the order the
-- allocation depends on.
create table experiment_option (
    experiment_key varchar(64)   not null references experiment (experiment_key),
    position       smallint      not null check (position >= 0 and position < 20),
    option_value   varchar(100)  not null,
    weight         numeric(7, 2) not null check (weight > 0 and weight <= 10000),
    primary key (experiment_key, position),
    unique (experiment_key, option_value)
);

-- Devices: one row per token, inserted once by the registration that enrolls it (R4, R6).
create table device (
    token      varchar(200)             not null primary key,
    first_seen timestamp with time zone not null
);

-- What each device received. The slot is kept for audits of R3: unique per experiment, so no
-- slot is ever given twice, whatever the code above does.
create table assignment (
    device_token   varchar(200) not null references device (token),
    experiment_key varchar(64)  not null,
    option_value   varchar(100) not null,
    slot           bigint       not null check (slot >= 0),
    primary key (device_token, experiment_key),
    unique (experiment_key, slot),
    foreign key (experiment_key, option_value) references experiment_option (experiment_key, option_value)
);

-- Statistics without scanning: counters kept in the registration transaction, striped so that
-- concurrent registrations rarely wait on the same row (docs/decisions/0003-slot-counters.md).
-- The stripe count (16) is fixed here and in Stripes.COUNT.
create table device_count (
    stripe  smallint not null primary key check (stripe >= 0 and stripe < 16),
    devices bigint   not null check (devices >= 0)
);

create table option_count (
    experiment_key varchar(64)  not null,
    option_value   varchar(100) not null,
    stripe         smallint     not null check (stripe >= 0 and stripe < 16),
    devices        bigint       not null check (devices >= 0),
    primary key (experiment_key, option_value, stripe),
    foreign key (experiment_key, option_value) references experiment_option (experiment_key, option_value)
);

insert into device_count (stripe, devices)
values (0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0),
       (8, 0), (9, 0), (10, 0), (11, 0), (12, 0), (13, 0), (14, 0), (15, 0);

-- The hot queries and the index each one uses:
--   device by token (every mobile request)            device primary key
--   its assignments                                    assignment primary key (device_token, ...)
--   running experiments in creation order             experiment_running below
--   options of those experiments in position order    experiment_option primary key
--   experiment by key, duplicate check on add          experiment unique (experiment_key)
--   counter updates in a registration                  device_count, option_count primary keys
--   statistics: sum of the counter rows                a few hundred rows, read whole
--   foreign key checks of a registration               device primary key, experiment_option unique
create index experiment_running on experiment (status, id);
