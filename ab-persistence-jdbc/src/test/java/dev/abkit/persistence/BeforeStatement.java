package dev.abkit.persistence;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pool's connections that, once armed, run an action once, on the caller's thread, just before a statement
 * whose SQL holds a marker is prepared: to break the world at an exact point of an adapter's work (cut the
 * database off, commit another transaction in between).
 */
final class BeforeStatement {

    private final String marker;
    private final AtomicReference<Runnable> armed = new AtomicReference<>();
    private volatile boolean ran;

    BeforeStatement(String marker) {
        this.marker = marker;
    }

    void arm(Runnable action) {
        armed.set(action);
    }

    /** Whether the armed action has run. */
    boolean ran() {
        return ran;
    }

    DataSource around(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    Object result = invoke(real, method, arguments);
                    return result instanceof Connection connection ? watched(connection) : result;
                });
    }

    private Connection watched(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement") && ((String) arguments[0]).contains(marker)) {
                        Runnable action = armed.getAndSet(null);
                        if (action != null) {
                            action.run();
                            ran = true;
                        }
                    }
                    return invoke(real, method, arguments);
                });
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
