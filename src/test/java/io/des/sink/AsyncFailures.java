package io.des.sink;

import io.des.registry.EridRegistry;
import java.lang.reflect.Proxy;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/** Failures of the post-commit async operators, as their harness tests inject and observe them. */
final class AsyncFailures {

    private AsyncFailures() {}

    /** A registry whose every call throws, as an unreachable store would; closing it works. */
    static EridRegistry unavailableRegistry() {
        return (EridRegistry) Proxy.newProxyInstance(EridRegistry.class.getClassLoader(),
                new Class<?>[] {EridRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new IllegalStateException("registry unavailable (injected)");
                });
    }

    /** Lets the harness record the job failure an async operator raises instead of refusing it. */
    static void expectFailure(OneInputStreamOperatorTestHarness<?, ?> harness) {
        harness.getEnvironment().setExpectedExternalFailureCause(Throwable.class);
    }

    /**
     * Waits for the failure and closes the harness. (A failed element is never finished, so the
     * operator's end of input would wait for it forever.)
     */
    static Throwable awaitFailure(OneInputStreamOperatorTestHarness<?, ?> harness) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (harness.getEnvironment().getActualExternalFailureCause().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Throwable failure = harness.getEnvironment().getActualExternalFailureCause().orElseThrow();
        synchronized (harness.getCheckpointLock()) {
            harness.close();
        }
        return failure;
    }

    /** Whether {@code failure} or one of its causes says {@code text}. */
    static boolean mentions(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
