-- QA overrides (issue 13, R9, docs/decisions/0012-qa-overrides.md): a device forced to one option of
-- an experiment. Few rows (QA devices), read whole with the served set after every catalog change;
-- every change of them makes a new catalog version. The device need not exist yet (a QA device may
-- be overridden before its first request), so there is no foreign key to device; the value is one of
-- the experiment's options, which the core checks (a draft's options may still change, and then its
-- overrides of values it no longer has are deleted with them).
create table experiment_override (
    experiment_key varchar(64)              not null references experiment (experiment_key),
    device_token   varchar(200)             not null,
    option_value   varchar(200)             not null,
    created_at     timestamp with time zone not null,
    primary key (experiment_key, device_token)
);
