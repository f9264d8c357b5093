package io.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPython's "Future exception was never retrieved": a future that finished with an exception nobody looked at
 * (no {@code result()}, {@code exception()} or {@code await()}) is reported to its loop's exception handler when
 * it is garbage-collected, with the keys {@code message}, {@code exception} and {@code future} (the future's
 * {@code toString()} when it finished, since the object itself is gone).
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
    private volatile boolean retrieved;

    /** Someone retrieved the exception: nothing to report. */
    void retrieved() {
        retrieved = true;
    }

    private UnretrievedException(BaseEventLoop loop, Throwable exception, String description, String kind) {
        this.loop = loop;
        this.exception = exception;
        this.description = description;
        this.kind = kind;
    }

    /** Starts watching {@code future}, which has just finished with {@code exception}. */
    static UnretrievedException watch(Future<?> future, Throwable exception) {
        UnretrievedException w = new UnretrievedException(future.loop, exception, future.toString(),
                future instanceof Task<?> ? "Task" : "Future");
        CLEANER.register(future, w);
        return w;
    }

    /** On the cleaner's thread, once the future is unreachable. */
    @Override
    public void run() {
        if (retrieved) {
            return;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", kind + " exception was never retrieved");
        context.put("exception", exception);
        context.put("future", description);
        try {
            loop.callSoonThreadsafe(() -> loop.callExceptionHandler(context));
        } catch (IllegalStateException closed) {
            loop.defaultExceptionHandler(context);
        }
    }
}
