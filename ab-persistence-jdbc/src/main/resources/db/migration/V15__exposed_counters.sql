-- Whole-life results of exposed devices from counters kept at ingest, like the whole life of all devices (V10),
-- instead of a scan of the raw events (docs/decisions/0015-exposed-counters.md). A device counts for an
-- experiment it holds an option of and was exposed to, from the later of its first_seen and its first exposure.

-- Per experiment, device and metric, the device's counted exposed events: how many, how many carried a value,
-- their total, the earliest. Keyed by device first: a batch reads its device's rows. Written under the device row's lock, which every event and exposure batch of the
-- device takes first, so that the striped counters below get exact deltas.
create table exposed_metric (
    experiment_key varchar(64)              not null,
    device_token   varchar(200)             not null,
    metric         varchar(64)              not null,
    events         bigint                   not null check (events >= 0),
    valued         bigint                   not null check (valued >= 0),
    total          double precision         not null,
    first_at       timestamp with time zone,
    primary key (device_token, experiment_key, metric)
);

-- As metric_count, for the exposed devices only.
create table exposed_metric_count (
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

-- The exposed devices per option (those holding it, left-out ones nowhere), striped like option_count.
create table exposed_count (
    experiment_key varchar(64)  not null,
    option_value   varchar(200) not null,
    stripe         smallint     not null check (stripe >= 0 and stripe < 16),
    devices        bigint       not null check (devices >= 0),
    primary key (experiment_key, option_value, stripe)
);

-- An event batch reads its device's exposures; the key of exposure begins with the experiment.
create index exposure_device on exposure (device_token, experiment_key);

-- An exposure earlier than a device's events already stored moves those events into the counters: one device's
-- raw events by time (received_at >= occurred_at prunes the partitions older than the exposure).
create index event_device_time on event (device_token, occurred_at);

-- What the exposed scan gave so far, from the exposures and raw events already stored, on stripe 0.
insert into exposed_metric (experiment_key, device_token, metric, events, valued, total, first_at)
select x.experiment_key, x.device_token, e.metric, count(*), count(e.amount), coalesce(sum(e.amount), 0),
       min(e.occurred_at)
from exposure x
join assignment a on a.experiment_key = x.experiment_key and a.device_token = x.device_token
join device d on d.token = x.device_token
join event e on e.device_token = x.device_token and e.occurred_at >= x.first_at and e.occurred_at >= d.first_seen
where a.option_value is not null
group by x.experiment_key, x.device_token, e.metric;

insert into exposed_metric_count (experiment_key, metric, option_value, stripe, converters, valued, total, total_sq)
select m.experiment_key, m.metric, a.option_value, 0, count(*), sum(m.valued), sum(m.total), sum(m.total * m.total)
from exposed_metric m
join assignment a on a.experiment_key = m.experiment_key and a.device_token = m.device_token
group by m.experiment_key, m.metric, a.option_value;

insert into exposed_count (experiment_key, option_value, stripe, devices)
select x.experiment_key, a.option_value, 0, count(*)
from exposure x
join assignment a on a.experiment_key = x.experiment_key and a.device_token = x.device_token
where a.option_value is not null
group by x.experiment_key, a.option_value;
