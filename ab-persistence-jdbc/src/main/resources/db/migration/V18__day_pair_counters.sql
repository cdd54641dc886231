-- Windows on whole UTC days, of all devices or of the exposed ones, from counters kept at ingest, as the whole life is
-- (V10, V15), so that such results never read the raw events (docs/decisions/0022-day-window-counters.md). A window's
-- converting devices and the sum of the squares of its device totals are not sums over days; they are sums over
-- pairs of days:
--   * a device that has counted events of a metric on the days d1 < d2 < ... < dk is counted once in the cell
--     (d1, d1) and once in each cell (d(i-1), d(i)): the devices converting in a window of days [a, b) are those
--     of the cells whose second day is in it and whose first day is before a or equal to the second;
--   * the cell (d, e), d <= e, sums over devices the product of their totals of the days d and e: the squares of
--     the window totals add up to the cells inside it, those with d < e twice.
-- The cells (d, d) also hold the day's events with a value and their sum.

-- Per device, metric and UTC day of the corrected time, its counted events (those from its first_seen on, as in
-- device_metric): what a batch needs to know which cells it changes. Keyed by device first: a batch reads its
-- device's rows, under the device row's lock.
create table device_metric_day (
    device_token varchar(200)     not null,
    metric       varchar(64)      not null,
    event_day    date             not null,
    events       bigint           not null check (events > 0),
    valued       bigint           not null check (valued >= 0),
    total        double precision not null,
    primary key (device_token, metric, event_day)
);

-- Per experiment, metric, option and pair of days, striped like metric_count (readers add the stripes up).
create table day_pair_count (
    experiment_key varchar(64)      not null,
    metric         varchar(64)      not null,
    second_day     date             not null,
    first_day      date             not null,
    option_value   varchar(200)     not null,
    stripe         smallint         not null check (stripe >= 0 and stripe < 16),
    devices        bigint           not null,
    valued         bigint           not null,
    total          double precision not null,
    product        double precision not null,
    check (first_day <= second_day),
    primary key (experiment_key, metric, second_day, first_day, option_value, stripe)
);

-- The same for the exposed devices (V15): per experiment, each device's days counted from its counting start (the
-- later of its first_seen and its first exposure) on, their cells, and the exposed devices by the UTC day of that
-- start, which counts those exposed before a window's end at a midnight.
create table exposed_metric_day (
    device_token   varchar(200)     not null,
    experiment_key varchar(64)      not null,
    metric         varchar(64)      not null,
    event_day      date             not null,
    events         bigint           not null check (events > 0),
    valued         bigint           not null check (valued >= 0),
    total          double precision not null,
    primary key (device_token, experiment_key, metric, event_day)
);

create table exposed_day_pair_count (
    experiment_key varchar(64)      not null,
    metric         varchar(64)      not null,
    second_day     date             not null,
    first_day      date             not null,
    option_value   varchar(200)     not null,
    stripe         smallint         not null check (stripe >= 0 and stripe < 16),
    devices        bigint           not null,
    valued         bigint           not null,
    total          double precision not null,
    product        double precision not null,
    check (first_day <= second_day),
    primary key (experiment_key, metric, second_day, first_day, option_value, stripe)
);

create table exposed_day_count (
    experiment_key varchar(64)  not null,
    start_day      date         not null,
    option_value   varchar(200) not null,
    stripe         smallint     not null check (stripe >= 0 and stripe < 16),
    devices        bigint       not null, -- a stripe's row may go below 0: a start moved earlier leaves its old day on any stripe
    primary key (experiment_key, start_day, option_value, stripe)
);

-- What the raw events kept so far give, for the devices that hold an option somewhere (as device_metric).
-- The UTC day from the epoch seconds: H2 casts a timestamp with time zone to a date in the session's zone (the
-- JVM's), even after 'at time zone', so cast(... at time zone 'UTC' as date) gives local days there.
insert into device_metric_day (device_token, metric, event_day, events, valued, total)
select e.device_token, e.metric, date '1970-01-01' + cast(floor(extract(epoch from e.occurred_at) / 86400) as integer),
       count(*), count(e.amount), coalesce(sum(e.amount), 0)
from event e
join device d on d.token = e.device_token
where e.occurred_at >= d.first_seen
  and exists (select 1 from assignment a where a.device_token = e.device_token and a.option_value is not null)
group by e.device_token, e.metric,
         date '1970-01-01' + cast(floor(extract(epoch from e.occurred_at) / 86400) as integer);

insert into day_pair_count (experiment_key, metric, second_day, first_day, option_value, stripe, devices, valued,
                            total, product)
select a.experiment_key, c.metric, c.second_day, c.first_day, a.option_value, 0, sum(c.devices), sum(c.valued),
       sum(c.total), sum(c.product)
from (
    select device_token, metric, coalesce(previous_day, event_day) as first_day, event_day as second_day,
           1 as devices, 0 as valued, cast(0 as double precision) as total, cast(0 as double precision) as product
    from (select device_token, metric, event_day,
                 lag(event_day) over (partition by device_token, metric order by event_day) as previous_day
          from device_metric_day) days
    union all
    select device_token, metric, event_day, event_day, 0, valued, total, cast(0 as double precision)
    from device_metric_day
    union all
    select x.device_token, x.metric, x.event_day, y.event_day, 0, 0, cast(0 as double precision), x.total * y.total
    from device_metric_day x
    join device_metric_day y on y.device_token = x.device_token and y.metric = x.metric and y.event_day >= x.event_day
    where x.total <> 0 and y.total <> 0
) c
join assignment a on a.device_token = c.device_token
where a.option_value is not null
group by a.experiment_key, c.metric, c.second_day, c.first_day, a.option_value;

-- The exposed devices' days, from their counting start on, of the options they hold (as exposed_metric).
insert into exposed_metric_day (device_token, experiment_key, metric, event_day, events, valued, total)
select x.device_token, x.experiment_key, e.metric,
       date '1970-01-01' + cast(floor(extract(epoch from e.occurred_at) / 86400) as integer),
       count(*), count(e.amount), coalesce(sum(e.amount), 0)
from exposure x
join assignment a on a.experiment_key = x.experiment_key and a.device_token = x.device_token
join device d on d.token = x.device_token
join event e on e.device_token = x.device_token and e.occurred_at >= x.first_at and e.occurred_at >= d.first_seen
where a.option_value is not null
group by x.device_token, x.experiment_key, e.metric,
         date '1970-01-01' + cast(floor(extract(epoch from e.occurred_at) / 86400) as integer);

insert into exposed_day_pair_count (experiment_key, metric, second_day, first_day, option_value, stripe, devices,
                                    valued, total, product)
select c.experiment_key, c.metric, c.second_day, c.first_day, a.option_value, 0, sum(c.devices), sum(c.valued),
       sum(c.total), sum(c.product)
from (
    select device_token, experiment_key, metric, coalesce(previous_day, event_day) as first_day,
           event_day as second_day, 1 as devices, 0 as valued, cast(0 as double precision) as total,
           cast(0 as double precision) as product
    from (select device_token, experiment_key, metric, event_day,
                 lag(event_day) over (partition by device_token, experiment_key, metric order by event_day)
                   as previous_day
          from exposed_metric_day) days
    union all
    select device_token, experiment_key, metric, event_day, event_day, 0, valued, total, cast(0 as double precision)
    from exposed_metric_day
    union all
    select x.device_token, x.experiment_key, x.metric, x.event_day, y.event_day, 0, 0, cast(0 as double precision),
           x.total * y.total
    from exposed_metric_day x
    join exposed_metric_day y on y.device_token = x.device_token and y.experiment_key = x.experiment_key
      and y.metric = x.metric and y.event_day >= x.event_day
    where x.total <> 0 and y.total <> 0
) c
join assignment a on a.device_token = c.device_token and a.experiment_key = c.experiment_key
group by c.experiment_key, c.metric, c.second_day, c.first_day, a.option_value;

insert into exposed_day_count (experiment_key, start_day, option_value, stripe, devices)
select x.experiment_key,
       date '1970-01-01' + cast(floor(extract(epoch from greatest(x.first_at, d.first_seen)) / 86400) as integer),
       a.option_value, 0, count(*)
from exposure x
join assignment a on a.experiment_key = x.experiment_key and a.device_token = x.device_token
join device d on d.token = x.device_token
where a.option_value is not null
group by x.experiment_key,
         date '1970-01-01' + cast(floor(extract(epoch from greatest(x.first_at, d.first_seen)) / 86400) as integer),
         a.option_value;
