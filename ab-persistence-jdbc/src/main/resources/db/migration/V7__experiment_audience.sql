-- R8: which new devices an experiment may enrol (issue 13, "Audiences"; dev.abkit.core.model.Audience).
-- One nullable column per rule (null: no rule on that attribute); lists are the values the core
-- writes (platforms in lower case, locales in RFC 5646's case, countries in upper case) joined by
-- ',', which none of them can contain. An experiment with no rule, every one so far, has nulls here.
-- varchar without a length is unbounded on PostgreSQL and H2 alike.
alter table experiment add column audience_platforms varchar;
alter table experiment add column audience_min_app_version varchar(100);
alter table experiment add column audience_max_app_version varchar(100);
alter table experiment add column audience_locales varchar;
alter table experiment add column audience_countries varchar;
-- Whether a device that did not send an attribute a rule needs is admitted.
alter table experiment add column audience_include_unknown boolean not null default false;
