package io.userasset.local.pipeline;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the API calls made through an AWS SDK client, by operation ("SendMessageBatch",
 * "GetObject", …): a decorator around the client interface, so whatever calls it — the runner, the
 * event-source pollers or the engine's adapters — is counted the same way.
 */
public final class RequestCounter {
    private static final Set<String> NOT_REQUESTS = Set.of("close", "serviceName", "serviceClientConfiguration",
            "toString", "hashCode", "equals", "utilities", "waiter");

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    /** A client of interface {@code type} that counts each call, then delegates it. */
    public <T> T wrap(Class<T> type, T delegate) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Counting" + type.getSimpleName();
                };
            }
            String name = method.getName();
            if (!NOT_REQUESTS.contains(name) && !name.endsWith("Paginator")) {
                calls.computeIfAbsent(operation(name), k -> new LongAdder()).increment();
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler));
    }

    /** sendMessageBatch → SendMessageBatch (the API's operation name). */
    static String operation(String method) {
        return Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }

    public long count(String operation) {
        LongAdder a = calls.get(operation);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> byOperation() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
