package dev.abkit.persistence;

import dev.abkit.core.contract.TokensContract;
import dev.abkit.core.port.out.Tokens;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The tokens contract on PostgreSQL, in a database of its own per test; "elsewhere" is a second pool on it. */
class PostgresTokensTest extends TokensContract {

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private final List<Instance> instances = new ArrayList<>();
    private String database;

    @Override
    protected Tokens freshTokens() {
        database = server.createDatabase();
        return startInstance();
    }

    @Override
    protected Tokens sameStoreElsewhere() {
        return startInstance();
    }

    private Tokens startInstance() {
        Instance instance = Instance.start(server.urlOf(database), server.user());
        instances.add(instance);
        return instance.storage().tokens();
    }

    @AfterEach
    void dropDatabase() {
        instances.forEach(Instance::close);
        if (database != null) {
            server.dropDatabase(database);
        }
    }
}
