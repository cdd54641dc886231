package dev.abkit.persistence;

import dev.abkit.core.contract.TokensContract;
import dev.abkit.core.port.out.Tokens;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tokens contract on PostgreSQL, in a database of its own per test; "elsewhere" is a second pool on it. */
class PostgresTokensTest extends TokensContract {

    @RegisterExtension
    final FreshPostgres database = new FreshPostgres();

    @Override
    protected Tokens freshTokens() {
        return database.start().storage().tokens();
    }

    @Override
    protected Tokens sameStoreElsewhere() {
        return database.start().storage().tokens();
    }
}
