-- R8: what a device said about itself at its first request, kept for good (null = not sent).
-- Values are stored as the core writes them (dev.abkit.core.model.Platform, AppVersion, LocaleTag):
-- the platform in lower case, the version as sent, the locale in RFC 5646's recommended case.
-- Nullable, so that devices registered before this migration are simply "unknown".
alter table device add column platform varchar(7) check (platform in ('ios', 'android', 'web', 'other'));
alter table device add column app_version varchar(100);
alter table device add column locale varchar(64);
