-- Option values are 1-100 characters as the core counts them: Unicode code points
-- (dev.abkit.core.model.Option). PostgreSQL's varchar(n) counts the same, but H2's counts UTF-16
-- units, in which a character beyond U+FFFF (most emoji) takes two, so the embedded database
-- refused values that the core had accepted. Every column that holds an option value takes 200,
-- enough for 100 code points in either count; the core stays the one limit.
alter table experiment_option alter column option_value set data type varchar(200);
alter table assignment alter column option_value set data type varchar(200);
alter table option_count alter column option_value set data type varchar(200);
