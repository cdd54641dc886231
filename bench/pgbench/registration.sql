-- The statements of one registration as JdbcDevices runs them on PostgreSQL, for pgbench: the
-- database's share of a new device without the server. Each client counts on a stripe of its own,
-- as JdbcDevices' leased stripes do. pgbench sends each statement in a round trip of its own,
-- where JdbcDevices sends the first three together and the assignment insert and the counter
-- writes together: device_count, option_count, then option_day_count (new devices per option and
-- UTC day of first_seen, for the daily chart: one upsert for both experiments, as JdbcDevices
-- writes it on PostgreSQL). Every registration gets the same options (allocation is the core's
-- business, not the database's), and says the same platform, app version and locale (the headers
-- a mobile app sends); counts are not checked here, load.sh does that. The catalog lock's key is
-- DatabaseKind's ("abkt" = 1633839988, catalog 1).
\set t random(1, 9000000000000000)
\set s :client_id % 16
begin;
select pg_advisory_xact_lock_shared(1633839988, 1);
insert into device (token, first_seen, platform, app_version, locale) values ('pgbench-' || :t, now(), 'ios', '2.3.0', 'ru-RU') on conflict do nothing;
select version from experiment_catalog where id = 1;
select nextval('experiment_slot_1') as a, nextval('experiment_slot_2') as b \gset
insert into assignment (device_token, experiment_key, option_value, slot) values ('pgbench-' || :t, 'button_color', '#FF0000', :a), ('pgbench-' || :t, 'price', '10', :b);
update device_count set devices = devices + 1 where stripe = :s;
update option_count set devices = devices + 1 where experiment_key = 'button_color' and option_value = '#FF0000' and stripe = :s;
update option_count set devices = devices + 1 where experiment_key = 'price' and option_value = '10' and stripe = :s;
insert into option_day_count as c (experiment_key, first_day, option_value, stripe, devices) values ('button_color', cast(now() at time zone 'UTC' as date), '#FF0000', :s, 1), ('price', cast(now() at time zone 'UTC' as date), '10', :s, 1) on conflict (experiment_key, first_day, option_value, stripe) do update set devices = c.devices + 1;
commit;
