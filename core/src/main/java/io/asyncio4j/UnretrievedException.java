package io.asyncio4j;

import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPython's "Future exception was never retrieved": a future that finished with an exception nobody looked at
 * (no {@code result()}, {@code exception()} or {@code await()}) is reported, as a {@link LateReport}, with the keys
 * {@code message}, {@code exception} and {@code future}: the future itself if it is still reachable as its loop
 * closes, else its {@code toString()} as it finished.
 */
final class UnretrievedException extends LateReport {
    private final Throwable exception;
    private final String description;
    private final String kind;
    private final WeakReference<Future<?>> future;

    private UnretrievedException(Future<?> future, Throwable exception) {
        super(future.loop);
        this.exception = exception;
        this.description = future.toString();
        this.kind = future instanceof Task<?> ? "Task" : "Future";
        this.future = new WeakReference<>(future);
    }

    /** Starts watching {@code future}, which has just finished with {@code exception}. */
    static UnretrievedException watch(Future<?> future, Throwable exception) {
        UnretrievedException w = new UnretrievedException(future, exception);
        w.watch(future);
        return w;
    }

    /** Someone retrieved the exception: nothing to report. */
    void retrieved() {
        settle();
    }

    @Override
    Map<String, Object> context(boolean atClose) {
        Future<?> f = atClose ? future.get() : null;
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", kind + " exception was never retrieved");
        context.put("exception", exception);
        context.put("future", f != null ? f : new Rendered(description));
        return context;
    }

    /**
     * A future's {@code toString()} kept after it is gone: shown as it is by the default exception handler, as
     * CPython shows the future's repr, not quoted and cut as a string value would be.
     */
    record Rendered(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
