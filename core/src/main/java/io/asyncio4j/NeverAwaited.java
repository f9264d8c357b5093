package io.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPython's "coroutine '...' was never awaited", for a {@link TrackedCoro} that its task left unused at the end of
 * a step: a {@link LateReport}, unless it is awaited or handed to a task meanwhile. The report's {@code message} names the coroutine; its
 * {@code exception}, a {@link NotAwaited}, carries where it was created (debug mode), or else the stack of its task
 * as it suspended after creating it, from the first frame outside the library: the method that created it, at the
 * await that followed (none if the task returned instead). Each is reported once.
 *
 * <p>Thread-safety: made and marked used on the loop's tasks' thread; reported on the cleaner's thread or the loop's;
 * a flag set once, atomically, decides which.
 */
final class NeverAwaited extends LateReport {
    private final String name;
    private final Throwable where;

    private NeverAwaited(BaseEventLoop loop, String name, Throwable where) {
        super(loop);
        this.name = name;
        this.where = where;
    }

    /**
     * Watches {@code coro}, left unused by a step of {@code task} that ended: {@code ended} if the task's body
     * returned, else the task is about to suspend (the stack, taken now, shows where).
     */
    static NeverAwaited watch(TrackedCoro<?> coro, Task<?> task, boolean ended) {
        Throwable where = coro.origin;
        if (where == null) {
            where = ended ? new Throwable("created in task '" + task.getName() + "', which returned without it")
                    : new Throwable("created in task '" + task.getName() + "' before this await");
            if (ended) {
                where.setStackTrace(new StackTraceElement[0]); // the task's frames are gone: only the library's
            }
        }
        NeverAwaited w = new NeverAwaited(task.loop, coro.name, where);
        w.watch(coro);
        return w;
    }

    /** The coroutine was awaited or handed to a task after all. */
    void used() {
        settle();
    }

    @Override
    Map<String, Object> context(boolean atClose) {
        String message = "coroutine '" + name + "' was never awaited";
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message);
        context.put("exception", new NotAwaited(message, where));
        return context;
    }

    /**
     * What a never-awaited coroutine's report carries as its {@code exception}: where it was created (CPython's
     * debug mode's "Coroutine created at"), or where its task went on without it; its stack starts at the first
     * frame outside the library.
     */
    static final class NotAwaited extends RuntimeException {
        NotAwaited(String message, Throwable where) {
            super(message + " (" + where.getMessage() + ")", null, false, true);
            setStackTrace(userFrames(where.getStackTrace()));
        }

        private static StackTraceElement[] userFrames(StackTraceElement[] frames) {
            List<StackTraceElement> kept = new ArrayList<>();
            boolean user = false;
            for (StackTraceElement f : frames) {
                user |= !library(f.getClassName());
                if (user) {
                    kept.add(f);
                }
            }
            return kept.toArray(new StackTraceElement[0]);
        }

        /**
         * Whether a frame is the JDK's or the library's: a class of the JDK, or of {@code io.asyncio4j} loaded from
         * elsewhere than a build's test classes (the library's own tests share its packages).
         */
        private static boolean library(String className) {
            if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
                return true;
            }
            if (!className.startsWith("io.asyncio4j.") || className.startsWith("io.asyncio4j.examples.")) {
                return false;
            }
            int hidden = className.indexOf("$$");
            String host = hidden > 0 ? className.substring(0, hidden) : className;
            try {
                java.security.CodeSource source = Class.forName(host, false, NeverAwaited.class.getClassLoader())
                        .getProtectionDomain().getCodeSource();
                return source == null || !source.getLocation().getPath().contains("test-classes");
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                return true;
            }
        }
    }
}
