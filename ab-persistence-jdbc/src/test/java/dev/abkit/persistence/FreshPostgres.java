package dev.abkit.persistence;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A PostgreSQL database of each test's own for the contract suites, registered with
 * {@code @RegisterExtension}: the first instance of a test creates the database (a {@link TestStore}),
 * later ones share it as other servers would, and after the test the instances are closed and the
 * database dropped.
 */
final class FreshPostgres implements AfterEachCallback {

    private final List<Instance> instances = new ArrayList<>();
    private TestStore store;

    /** An instance started the usual way on this test's database. */
    Instance start() {
        return start(TestStore::start);
    }

    /** An instance that {@code starting} starts on this test's database, e.g. with a clock of the test's. */
    Instance start(Function<TestStore, Instance> starting) {
        if (store == null) {
            store = TestStore.open(TestStore.Kind.POSTGRESQL, null);
        }
        Instance instance = starting.apply(store);
        instances.add(instance);
        return instance;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        instances.forEach(Instance::close);
        instances.clear();
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
