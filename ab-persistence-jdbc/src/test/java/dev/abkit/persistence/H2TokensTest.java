package dev.abkit.persistence;

import dev.abkit.core.contract.TokensContract;
import dev.abkit.core.port.out.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tokens contract on the embedded H2 database file; "elsewhere" is a second pool on the same file. */
class H2TokensTest extends TokensContract {

    @TempDir
    Path directory;
    private final List<Instance> instances = new ArrayList<>();

    @Override
    protected Tokens freshTokens() {
        return startInstance();
    }

    @Override
    protected Tokens sameStoreElsewhere() {
        return startInstance();
    }

    private Tokens startInstance() {
        Instance instance = Instance.start(H2Files.urlOf(directory), "");
        instances.add(instance);
        return instance.storage().tokens();
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(Instance::close);
    }
}
