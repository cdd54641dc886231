package dev.abkit.persistence;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A network that loses the database's reply to a COMMIT, in contexts started with
 * {@code abkit.test.commit-replies-lost=true}: once {@link #loseNextReply() armed}, the next
 * commit reaches the database and takes effect, and then the caller sees the connection fail, as
 * it would if the reply never arrived.
 */
@Singleton
@Requires(property = "abkit.test.commit-replies-lost", value = "true")
final class CommitRepliesLost implements BeanCreatedEventListener<DataSource>, Ordered {

    private final AtomicBoolean armed = new AtomicBoolean();

    void loseNextReply() {
        armed.set(true);
    }

    /** First, right around the pool: Micronaut's own wrappers must find this one as the real data source. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource real = event.getBean();
        return proxy(DataSource.class, real, (proxy, method, arguments) -> {
            Object result = invoke(real, method, arguments);
            return result instanceof Connection connection ? losingReplies(connection) : result;
        });
    }

    private Connection losingReplies(Connection real) {
        return proxy(Connection.class, real, (proxy, method, arguments) -> {
            Object result = invoke(real, method, arguments);
            if (method.getName().equals("commit") && armed.getAndSet(false)) {
                throw new SQLException("I/O error: the reply to COMMIT was lost", "08006");
            }
            return result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
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
