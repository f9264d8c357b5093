package io.asyncio4j;

/**
 * A coroutine of the library's, named for reports, that says so if nobody ever awaits it: CPython's
 * "RuntimeWarning: coroutine 'Queue.put' was never awaited" ({@link Coro#named}).
 *
 * <p>Cheap on the common path, where a coroutine is created and awaited in the same step of a task: creating one
 * notes it in that task ({@link Task#created}), awaiting it (or handing it to a task) marks it used. Only a
 * coroutine still unused when its task next suspends or ends is watched further ({@link NeverAwaited}), since it may
 * be kept and awaited later; that is rare, and only then is a stack captured. In debug mode
 * ({@link EventLoop#setDebug}) every one records where it was created, as CPython's debug mode does.
 *
 * <p>Thread-safety: created, awaited and checked on its task's thread, except the report, which reads the
 * watcher's own flag on the cleaner's thread.
 */
final class TrackedCoro<T> implements Coro<T> {
    final String name;
    private final Coro<T> body;
    /** Awaited, or handed to a task: nothing to report. Plain: written and read on the loop's tasks' thread. */
    private boolean used;
    /** The watcher once it escaped the step that created it unused, else null. */
    private NeverAwaited watcher;
    /** Where it was created, in debug mode; else null. */
    final Throwable origin;

    TrackedCoro(String name, Coro<T> body) {
        this.name = name;
        this.body = body;
        Task<?> task = Carrier.currentTask();
        Throwable site = null;
        if (task != null) {
            if (task.loop.getDebug()) {
                site = new Throwable("created here");
            }
            task.created(this);
        }
        this.origin = site;
    }

    /** Marks it used, then runs the body; {@link Coro#await()} comes here after its check for a task. */
    @Override
    public T call() throws Exception {
        markUsed();
        return body.call();
    }

    /** Awaited or handed to a task: not reported. */
    void markUsed() {
        if (!used) {
            used = true;
            NeverAwaited w = watcher;
            if (w != null) {
                w.used();
            }
        }
    }

    boolean used() {
        return used;
    }

    /**
     * Unused at the end of the step that made it ({@code ended}: the task returned, else it suspends): watched
     * until it is used or collected, or its loop closes.
     */
    void escape(Task<?> task, boolean ended) {
        if (!used && watcher == null) {
            watcher = NeverAwaited.watch(this, task, ended);
        }
    }

    @Override
    public String toString() {
        return "<coroutine " + name + ">";
    }
}
