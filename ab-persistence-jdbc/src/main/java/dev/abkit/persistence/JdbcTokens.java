package dev.abkit.persistence;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.out.Tokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Personal tokens in table {@code personal_token} (V16): one indexed read per admin request, no cache, so
 * every instance sees a revocation at its next request; a use is written only when the last one recorded is
 * over a minute old (the core decides when, this store keeps the later of two reports). A creation and a
 * revocation write their audit entry in their own transaction ({@link AuditRows}).
 */
final class JdbcTokens implements Tokens {

    private static final String COLUMNS = "id, name, role, digest, created_at, expires_at, last_used_at, revoked_at";

    private final Database database;

    JdbcTokens(Database database) {
        this.database = database;
    }

    @Override
    public void add(PersonalToken token, AuditEntry entry) {
        database.inTransaction("store a personal token", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into personal_token (" + COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, token.id().toString());
                insert.setString(2, token.name().value());
                insert.setString(3, token.role().wireName());
                insert.setString(4, token.digest().hex());
                insert.setObject(5, Timestamps.of(token.createdAt()));
                insert.setObject(6, token.expiresAt().map(Timestamps::of).orElse(null));
                insert.setObject(7, token.lastUsedAt().map(Timestamps::of).orElse(null));
                insert.setObject(8, token.revokedAt().map(Timestamps::of).orElse(null));
                insert.executeUpdate();
            }
            AuditRows.write(connection, database.kind(), entry);
            return null;
        });
    }

    @Override
    public Optional<PersonalToken> find(TokenId id) {
        return database.autoCommitted("find a personal token", connection -> byId(connection, id));
    }

    @Override
    public Optional<PersonalToken> findByDigest(TokenDigest digest) {
        return database.autoCommitted("find a personal token", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + COLUMNS + " from personal_token where digest = ?")) {
                select.setString(1, digest.hex());
                return first(select);
            }
        });
    }

    @Override
    public List<PersonalToken> all() {
        return database.autoCommitted("list personal tokens", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + COLUMNS + " from personal_token order by created_at, id");
                 ResultSet rows = select.executeQuery()) {
                List<PersonalToken> tokens = new ArrayList<>();
                while (rows.next()) {
                    tokens.add(token(rows));
                }
                return tokens;
            }
        });
    }

    @Override
    public Optional<PersonalToken> revoke(TokenId id, Instant at, AuditEntry entry) {
        return database.inTransaction("revoke a personal token", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update personal_token set revoked_at = ? where id = ? and revoked_at is null")) {
                update.setObject(1, Timestamps.of(at));
                update.setString(2, id.toString());
                if (update.executeUpdate() == 1) {
                    AuditRows.write(connection, database.kind(), entry);
                }
            }
            return byId(connection, id);
        });
    }

    private static Optional<PersonalToken> byId(Connection connection, TokenId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from personal_token where id = ?")) {
            select.setString(1, id.toString());
            return first(select);
        }
    }

    @Override
    public void markUsed(TokenId id, Instant at, Instant notBefore) {
        database.autoCommitted("record a token's use", connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update personal_token set last_used_at = ?
                    where id = ? and (last_used_at is null or last_used_at < ?)""")) {
                update.setObject(1, Timestamps.of(at));
                update.setString(2, id.toString());
                update.setObject(3, Timestamps.of(notBefore));
                return update.executeUpdate();
            }
        });
    }

    private static Optional<PersonalToken> first(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(token(rows)) : Optional.empty();
        }
    }

    private static PersonalToken token(ResultSet rows) throws SQLException {
        return new PersonalToken(TokenId.of(rows.getString("id")), TokenName.of(rows.getString("name")),
                Role.of(rows.getString("role")), Timestamps.instant(rows, "created_at"),
                Optional.ofNullable(Timestamps.instant(rows, "expires_at")),
                Optional.ofNullable(Timestamps.instant(rows, "last_used_at")),
                Optional.ofNullable(Timestamps.instant(rows, "revoked_at")),
                TokenDigest.ofHex(rows.getString("digest")));
    }
}
