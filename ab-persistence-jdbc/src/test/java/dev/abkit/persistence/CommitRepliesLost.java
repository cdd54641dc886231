package dev.abkit.persistence;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A network that loses the database's reply to a COMMIT: once {@link #loseNextReply() armed}, the
 * next commit reaches the database and takes effect, and then the caller sees the connection fail,
 * as it would if the reply never arrived. Or, {@link #cutBeforeNextCommit() armed so}, the connection
 * fails as the COMMIT is sent, before it reaches the database: the transaction never commits.
 */
final class CommitRepliesLost {

    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean cut = new AtomicBoolean();

    void loseNextReply() {
        armed.set(true);
    }

    void cutBeforeNextCommit() {
        cut.set(true);
    }

    DataSource around(DataSource real) {
        return proxy(DataSource.class, real, (proxy, method, arguments) -> {
            Object result = invoke(real, method, arguments);
            return result instanceof Connection connection ? losingReplies(connection) : result;
        });
    }

    private Connection losingReplies(Connection real) {
        return proxy(Connection.class, real, (proxy, method, arguments) -> {
            if (method.getName().equals("commit") && cut.getAndSet(false)) {
                throw new SQLException("I/O error: the connection broke as COMMIT was sent", "08006");
            }
            Object result = invoke(real, method, arguments);
            if (method.getName().equals("commit") && armed.getAndSet(false)) {
                throw new SQLException("I/O error: the reply to COMMIT was lost", "08006");
            }
            return result;
        });
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, T real, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
