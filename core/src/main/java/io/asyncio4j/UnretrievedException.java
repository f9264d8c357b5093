package io.asyncio4j;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CPython's "Future exception was never retrieved": a future that finished with an exception nobody looked at
 * (no {@code result()}, {@code exception()} or {@code await()}) is reported to its loop's exception handler, with
 * the keys {@code message}, {@code exception} and {@code future}, at the first of:
 * <ul>
 *   <li>its garbage collection (CPython reports when the last reference goes, at once under reference counting);
 *       {@code future} is then the future's {@code toString()} as it finished, since the object is gone;</li>
 *   <li>its loop's {@link BaseEventLoop#close() close()}, so that a short program, whose collector may never run,
 *       still says so (as CPython's does); {@code future} is then the future itself if it is still reachable.</li>
 * </ul>
 * Each is reported once. Thread-safety: {@link #watch} and {@link #retrieved()} run on the loop's thread, the
 * collection report on the cleaner's thread; a flag set once, atomically, decides which of them wins.
 */
final class UnretrievedException implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "asyncio4j-unretrieved-exceptions");
        t.setDaemon(true);
        return t;
    });

    private final BaseEventLoop loop;
    private final Throwable exception;
    private final String description;
    private final String kind;
    private final WeakReference<Future<?>> future;
    /** Retrieved, or reported: nothing more to do. */
    private final AtomicBoolean settled = new AtomicBoolean();

    private UnretrievedException(Future<?> future, Throwable exception) {
        this.loop = future.loop;
        this.exception = exception;
        this.description = future.toString();
        this.kind = future instanceof Task<?> ? "Task" : "Future";
        this.future = new WeakReference<>(future);
    }

    /** Starts watching {@code future}, which has just finished with {@code exception}. */
    static UnretrievedException watch(Future<?> future, Throwable exception) {
        UnretrievedException w = new UnretrievedException(future, exception);
        CLEANER.register(future, w);
        w.loop.unretrievedAdd(w);
        return w;
    }

    /** Someone retrieved the exception: nothing to report. */
    void retrieved() {
        if (settled.compareAndSet(false, true)) {
            loop.unretrievedRemove(this);
        }
    }

    /** On the cleaner's thread, once the future is unreachable. */
    @Override
    public void run() {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        Map<String, Object> context = context(new Rendered(description));
        try {
            loop.callSoonThreadsafe(() -> {
                loop.unretrievedRemove(this);
                loop.callExceptionHandler(context);
            });
        } catch (IllegalStateException closed) {
            loop.unretrievedRemove(this);
            loop.defaultExceptionHandler(context);
        }
    }

    /** As the loop closes, on its thread: reports the exception unless it was retrieved or reported already. */
    void reportAtClose() {
        if (settled.compareAndSet(false, true)) {
            Future<?> f = future.get();
            loop.callExceptionHandler(context(f != null ? f : new Rendered(description)));
        }
    }

    private Map<String, Object> context(Object futureValue) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", kind + " exception was never retrieved");
        context.put("exception", exception);
        context.put("future", futureValue);
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
