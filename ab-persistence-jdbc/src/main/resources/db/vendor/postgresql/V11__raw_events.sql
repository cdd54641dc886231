-- The raw events on PostgreSQL: partitioned by the UTC day they were received, so that retention drops
-- whole days (EventPartitions creates the days ahead and drops the expired ones). The default partition
-- takes whatever arrives for a day not created yet, so an insert never fails on a missing partition.
-- occurred_at is the corrected time (at most 30 days before received_at, never after it: queries on a
-- window of occurred_at prune partitions by received_at).
create table event (
    device_token varchar(200)             not null,
    event_id     varchar(100)             not null,
    metric       varchar(64)              not null,
    occurred_at  timestamp with time zone not null,
    received_at  timestamp with time zone not null,
    amount       double precision,
    properties   varchar
) partition by range (received_at);

create table event_default partition of event default;

-- Windowed and exposed results read one metric's events in a time range.
create index event_metric_time on event (metric, occurred_at);
