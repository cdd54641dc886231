-- The statements of one ingest request as JdbcEventStore runs them on PostgreSQL (EventIngest), for
-- pgbench: the database's share of a batch of 100 events without the server, the reference of the
-- ingestion bar (bench/ingest.sh). The batch is the one bench/wrk/events.lua sends: 100 events of one
-- device from a pool of 10,000, ids unique, 60 "open", 30 "add_to_cart", 10 "purchase" with a value,
-- one in ten with properties. The device holds an option of both shipped experiments (the assignments
-- themselves are not read: the server has the device in memory). Each client counts on a stripe of
-- its own, as JdbcEventStore's leased stripes do.
-- What differs from the server: the rows are made by generate_series here instead of being bound
-- one by one (the same rows reach the same tables and indexes), pgbench sends each statement in a
-- round trip of its own where the server sends the counter changes together, and the first-day
-- converter rows (metric_day_count) are left out, as the server writes them only for a device's first
-- counted event of a metric, rare once a pool of devices has been active.
\set d random(1, 10000)
\set r random(1, 9000000000000000)
\set s :client_id % 16
begin;
insert into event_key (device_token, event_id, received_at)
  select 'pgbench-' || :d, 'pg-' || :r || '-' || k, now() from generate_series(1, 100) k
  on conflict do nothing returning event_id;
insert into event (device_token, event_id, metric, occurred_at, received_at, amount, properties)
  select 'pgbench-' || :d, 'pg-' || :r || '-' || k,
         case when k % 10 = 0 then 'purchase' when k % 3 = 0 then 'add_to_cart' else 'open' end,
         now(), now(),
         case when k % 10 = 0 then k / 7.0 end,
         case when k % 10 = 5 then '{"screen":"home","position":' || k || '}' end
  from generate_series(1, 100) k;
-- The device's row locked and its exposures and exposed rows read (V15; sent with the raw rows by the server).
select token from device where token = 'pgbench-' || :d for no key update;
select experiment_key, first_at from exposure where device_token = 'pgbench-' || :d;
select experiment_key, metric, events, valued, total, first_at from exposed_metric where device_token = 'pgbench-' || :d;
-- The device's days of the batch's metrics, of all devices and exposed (V18; read with the exposures by the server).
select metric, event_day, events, valued, total from device_metric_day
  where device_token = 'pgbench-' || :d and metric in ('add_to_cart', 'open', 'purchase');
select experiment_key, metric, event_day, events, valued, total from exposed_metric_day
  where device_token = 'pgbench-' || :d and metric in ('add_to_cart', 'open', 'purchase');
insert into device_metric (device_token, metric, events, valued, total)
  values ('pgbench-' || :d, 'add_to_cart', 0, 0, 0), ('pgbench-' || :d, 'open', 0, 0, 0),
         ('pgbench-' || :d, 'purchase', 0, 0, 0)
  on conflict do nothing;
select metric, events, valued, total, first_at from device_metric
  where device_token = 'pgbench-' || :d and metric in ('add_to_cart', 'open', 'purchase') order by metric for update;
update device_metric set events = events + 30, first_at = coalesce(first_at, now())
  where device_token = 'pgbench-' || :d and metric = 'add_to_cart';
update device_metric set events = events + 60, first_at = coalesce(first_at, now())
  where device_token = 'pgbench-' || :d and metric = 'open';
update device_metric set events = events + 10, valued = valued + 10, total = total + 78.57, first_at = coalesce(first_at, now())
  where device_token = 'pgbench-' || :d and metric = 'purchase';
insert into metric_count as c (experiment_key, metric, option_value, stripe, converters, valued, total, total_sq)
  values ('button_color', 'add_to_cart', '#FF0000', :s, 0, 0, 0, 0), ('button_color', 'open', '#FF0000', :s, 0, 0, 0, 0),
         ('button_color', 'purchase', '#FF0000', :s, 0, 10, 78.57, 6173.2),
         ('price', 'add_to_cart', '10', :s, 0, 0, 0, 0), ('price', 'open', '10', :s, 0, 0, 0, 0),
         ('price', 'purchase', '10', :s, 0, 10, 78.57, 6173.2)
  on conflict (experiment_key, metric, option_value, stripe) do update
  set converters = c.converters + excluded.converters, valued = c.valued + excluded.valued,
      total = c.total + excluded.total, total_sq = c.total_sq + excluded.total_sq;
-- Today's row of each metric (V18: the server updates it, or inserts it with the device's first event of the day),
-- and what the purchases' values change in the day-pair cell (today, today) of each option; the other metrics,
-- without values, change no cell once the device has events today (its days stay the same).
insert into device_metric_day as m (device_token, metric, event_day, events, valued, total)
  values ('pgbench-' || :d, 'add_to_cart', (now() at time zone 'utc')::date, 30, 0, 0),
         ('pgbench-' || :d, 'open', (now() at time zone 'utc')::date, 60, 0, 0),
         ('pgbench-' || :d, 'purchase', (now() at time zone 'utc')::date, 10, 10, 78.57)
  on conflict (device_token, metric, event_day) do update
  set events = m.events + excluded.events, valued = m.valued + excluded.valued, total = m.total + excluded.total;
insert into day_pair_count as c (experiment_key, metric, second_day, first_day, option_value, stripe, devices, valued,
                                 total, product)
  values ('button_color', 'purchase', (now() at time zone 'utc')::date, (now() at time zone 'utc')::date, '#FF0000', :s,
          0, 10, 78.57, 6173.2),
         ('price', 'purchase', (now() at time zone 'utc')::date, (now() at time zone 'utc')::date, '10', :s,
          0, 10, 78.57, 6173.2)
  on conflict (experiment_key, metric, second_day, first_day, option_value, stripe) do update
  set devices = c.devices + excluded.devices, valued = c.valued + excluded.valued, total = c.total + excluded.total,
      product = c.product + excluded.product;
commit;
