-- The raw events on the embedded H2 database: one plain table with the same columns as PostgreSQL's
-- partitioned one (db/vendor/postgresql); retention deletes rows instead of dropping days.
create table event (
    device_token varchar(200)             not null,
    event_id     varchar(100)             not null,
    metric       varchar(64)              not null,
    occurred_at  timestamp with time zone not null,
    received_at  timestamp with time zone not null,
    amount       double precision,
    properties   varchar
);

create index event_metric_time on event (metric, occurred_at);
create index event_received on event (received_at);
