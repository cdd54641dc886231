-- Personal tokens with roles (issue 15, docs/decisions/0016-tokens-and-roles.md). Only the SHA-256 digest of a
-- secret is kept, in hex; every admin request of every instance finds its token by that digest (unique, so
-- indexed), which is why a revocation or an expiry holds everywhere from the next request. last_used_at is
-- written at most once a minute per token and instance. The id is a UUID's text. The digest is varchar, not char:
-- PostgreSQL would not use a char column's index for the text parameter JDBC sends.
create table personal_token (
    id           varchar(36)              not null primary key,
    name         varchar(400)             not null,
    role         varchar(16)              not null check (role in ('admin', 'editor', 'qa', 'analyst')),
    digest       varchar(64)              not null unique,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone
);
