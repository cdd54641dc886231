-- Events, exposures and results (issue 14, docs/decisions/0014-events-and-results-storage.md). The raw
-- events are in V11, which differs per database (db/vendor/postgresql partitions them by day); what is
-- here is the same on both.

-- Idempotency: an event is its device's token and its id, remembered for the retention period whatever
-- the day it came on (the raw events' partitions cannot hold a key across days). Pruned with them.
create table event_key (
    device_token varchar(200)             not null,
    event_id     varchar(100)             not null,
    received_at  timestamp with time zone not null,
    primary key (device_token, event_id)
);

-- The earliest exposure (corrected time) per experiment and device; exposed results join it.
create table exposure (
    experiment_key varchar(64)              not null,
    device_token   varchar(200)             not null,
    first_at       timestamp with time zone not null,
    primary key (experiment_key, device_token)
);

-- Per device and metric, its counted events (those at or after its first_seen, which is when every
-- assignment of it happened, R2): how many, how many carried a value, their total, the earliest.
-- Kept at ingest under this row's lock, so that the counters below get exact deltas, and read back for
-- the few excluded (overridden) devices that results leave out.
create table device_metric (
    device_token varchar(200)             not null,
    metric       varchar(64)              not null,
    events       bigint                   not null check (events >= 0),
    valued       bigint                   not null check (valued >= 0),
    total        double precision         not null,
    first_at     timestamp with time zone,
    primary key (device_token, metric)
);

-- Whole-life results without reading events: per experiment, metric and option, the converting devices,
-- the counted events with a value, the sum of the values and the sum of the squares of each device's total.
-- Striped like option_count (rows of one key added up by readers); a row appears with the first event
-- of its key.
create table metric_count (
    experiment_key varchar(64)      not null,
    metric         varchar(64)      not null,
    option_value   varchar(200)     not null,
    stripe         smallint         not null check (stripe >= 0 and stripe < 16),
    converters     bigint           not null,
    valued         bigint           not null,
    total          double precision not null,
    total_sq       double precision not null,
    primary key (experiment_key, metric, option_value, stripe)
);

-- Converters by the UTC day of their first counted event, for the daily cumulative conversion. A late
-- event that moves a device's first event to an earlier day moves its count, so one stripe's row may
-- go below zero while the sum over stripes does not.
create table metric_day_count (
    experiment_key varchar(64)  not null,
    metric         varchar(64)  not null,
    event_day      date         not null,
    option_value   varchar(200) not null,
    stripe         smallint     not null check (stripe >= 0 and stripe < 16),
    converters     bigint       not null,
    primary key (experiment_key, metric, event_day, option_value, stripe)
);
