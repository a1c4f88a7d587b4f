package io.des.sink;

import io.des.registry.DeliveryOutbox;
import io.des.registry.EridRegistry;
import io.des.registry.RegistryConnector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test connector: a real store whose outbox throws right after its first enqueue is stored, as a
 * crash between the enqueue and the end of the publish would; the job then fails and replays the
 * completion. Flink serializes the connector, so whether it failed lives in a static map under
 * this instance's id.
 */
final class OutboxFailingOnceConnector implements RegistryConnector {

    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final RegistryConnector store;

    OutboxFailingOnceConnector(RegistryConnector store) {
        this.store = store;
    }

    /** Whether the injected failure happened. */
    boolean failed() {
        return FAILED.computeIfAbsent(id, key -> new AtomicBoolean()).get();
    }

    @Override
    public EridRegistry open() {
        EridRegistry registry = store.open();
        AtomicBoolean failed = FAILED.computeIfAbsent(id, key -> new AtomicBoolean());
        DeliveryOutbox outbox = delegating(DeliveryOutbox.class, registry.outbox(), method -> {
            if (method.equals("enqueue") && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("crash after the enqueue (injected)");
            }
        });
        return (EridRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EridRegistry.class},
                (proxy, method, args) -> method.getName().equals("outbox") ? outbox : call(method, registry, args));
    }

    /** A proxy that calls {@code target}, then {@code after} with the method's name. */
    private static <T> T delegating(Class<T> type, T target, AfterCall after) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result = call(method, target, args);
            after.called(method.getName());
            return result;
        }));
    }

    private static Object call(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private interface AfterCall {
        void called(String method);
    }
}
