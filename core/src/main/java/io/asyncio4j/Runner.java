package io.asyncio4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs coroutines on one event loop it owns, CPython's {@code asyncio.Runner}; {@link Asyncio#run(Coro)} is
 * {@code try (var r = new Runner()) { return r.run(main); }}.
 *
 * <pre>{@code
 * try (Runner runner = new Runner().virtualTime(true)) {
 *     runner.run(() -> { Asyncio.sleep(3600).await(); return null; });   // returns at once, time() == 3600
 * }
 * }</pre>
 *
 * <p>The loop is created on the first {@link #run(Coro)} or {@link #getLoop()} (and set as this thread's loop);
 * options must be set before that. A runner made with a loop factory ({@link #Runner(Supplier)}) takes its loop
 * from the factory instead, and does not set it as the thread's loop. {@link #close()} cancels the tasks still unfinished, runs the loop until they have finished
 * (their {@code finally} blocks run), shuts the default executor down, waiting for its jobs, and closes the loop.
 *
 * <p><b>Virtual time</b> ({@link #virtualTime(boolean)}): {@code loop.time()} starts at 0, and whenever nothing
 * is ready and nothing outside the loop can wake it (no I/O registered, no executor job or wrapped
 * {@code CompletionStage} in flight) the clock jumps straight to the next timer's deadline instead of waiting;
 * otherwise the loop waits in real time and the clock advances by the time that really passed. Tests that sleep
 * become instant and deterministic.
 *
 * <p>Use a runner from one thread; it is not thread-safe.
 */
public final class Runner implements AutoCloseable {
    /** CPython's {@code loop_factory}; null: the runner makes its own loop. */
    private final Supplier<? extends EventLoop> loopFactory;
    private Boolean debug;
    private boolean virtualTime;
    private boolean closedWorld;
    private BaseEventLoop loop;
    /** CPython's {@code Runner._context}: copied when the loop is made, the context of every {@code run}'s main task. */
    private Context context;
    private boolean setEventLoop;
    private boolean closed;

    /** A runner with the default options: real time, debug mode as the loop's default. No loop is created yet. */
    public Runner() {
        this.loopFactory = null;
    }

    /**
     * A runner whose loop comes from {@code loopFactory}: CPython 3.12's {@code asyncio.Runner(loop_factory=...)}.
     * The factory is called once, on the first {@link #run(Coro)} or {@link #getLoop()}, on the calling thread, and
     * must return a new loop from {@link Asyncio#newEventLoop()}, configured as the application wants (an exception
     * handler, a default executor, a slow-callback duration, signal handlers...). As in CPython, that loop is
     * <em>not</em> set as the thread's loop ({@link Asyncio#getEventLoop()} outside the runner does not see it;
     * inside {@code run}, {@link Asyncio#getRunningLoop()} does), {@link #debug(boolean)} is applied to it after
     * the factory returns, and {@link #close()} closes it like a loop of the runner's own.
     *
     * <pre>{@code
     * try (Runner runner = new Runner(() -> {
     *     EventLoop loop = Asyncio.newEventLoop();
     *     loop.setExceptionHandler((l, ctx) -> log.warning(ctx.get("message")));
     *     return loop;
     * })) {
     *     runner.run(Server::main);
     * }
     * }</pre>
     *
     * <p>{@link #virtualTime(boolean)} and {@link #closedWorld(boolean)} configure a loop the runner makes itself,
     * so they are refused on a runner with a factory.
     *
     * @param loopFactory makes the runner's loop; {@code null} means none, as CPython's {@code loop_factory=None}:
     *        the runner makes its own loop, as {@link #Runner()}
     */
    public Runner(Supplier<? extends EventLoop> loopFactory) {
        this.loopFactory = loopFactory;
    }

    /**
     * Debug mode for the loop (see {@link EventLoop#setDebug(boolean)}); CPython's {@code Runner(debug=...)}.
     *
     * @param on whether debug mode is on
     * @return this runner
     * @throws IllegalStateException if the loop has already been created
     */
    public Runner debug(boolean on) {
        checkNotStarted("debug");
        this.debug = on;
        return this;
    }

    /**
     * Virtual time for the loop; see the class comment. (No CPython equivalent; the anchor is
     * kotlinx-coroutines-test's virtual time.)
     *
     * @param on whether the loop's clock is virtual
     * @return this runner
     * @throws IllegalStateException if the loop has already been created, or the runner has a loop factory
     */
    public Runner virtualTime(boolean on) {
        checkNotStarted("virtualTime");
        checkNoFactory("virtualTime");
        this.virtualTime = on;
        return this;
    }

    /**
     * Declares that, in virtual time, every peer of the loop's sockets is the loop itself: a server and its clients
     * on this loop, over loopback, with nothing outside the process talking to them. Then watched sockets do not
     * make the clock wait in real time: when nothing is ready and the selector has nothing to report (after letting
     * it settle for a couple of real milliseconds) the clock jumps to the next timer, so a handler's
     * {@code sleep(3)} costs no real time, and the time spent moving bytes over loopback is not counted. Wrong for
     * a loop talking to another process or thread: their answers would come "late", after timers that should not
     * have fired yet. No effect without {@link #virtualTime(boolean)}; executor jobs and wrapped stages still
     * hold the clock.
     *
     * @param on whether the loop's sockets talk only to the loop itself
     * @return this runner
     * @throws IllegalStateException if the loop has already been created, or the runner has a loop factory
     */
    public Runner closedWorld(boolean on) {
        checkNotStarted("closedWorld");
        checkNoFactory("closedWorld");
        this.closedWorld = on;
        return this;
    }

    /**
     * Runs {@code main} as a task on the runner's loop until it is done and returns its result or throws its
     * exception (the same object). May be called again on the same loop. Blocks the calling thread, which is the
     * loop's thread meanwhile. CPython's {@code Runner.run}.
     *
     * <p><b>Context.</b> Every {@code run}'s {@code main} runs in the runner's one {@link Context}, a copy of the
     * calling thread's made when the runner makes its loop (the first {@code run} or {@link #getLoop()}; CPython makes
     * it on {@code with}): what one {@code main} sets, the next one sees, and the calling thread does not.
     *
     * <p><b>Ctrl-C.</b> Called on the main thread while SIGINT has the JVM's default handling (the application has
     * not installed a handler, and the signal is not ignored as in a background job), the run handles SIGINT as
     * CPython 3.11's does: the first SIGINT cancels {@code main} (thread-safely: the loop wakes up), so its
     * {@code finally} blocks and clean-ups run; if {@code main} then ends cancelled, this method throws
     * {@link KeyboardInterrupt} (whose cause is the {@link CancelledError}), and {@link Asyncio#run} closes the
     * runner as usual before it leaves. A second SIGINT while {@code main} unwinds gets the JVM's default handling
     * at once: shutdown hooks, exit status 130. When this method returns or throws, SIGINT has its previous handling
     * back (unless a handler was installed for it meanwhile, such as {@link EventLoop#addSignalHandler}'s, which
     * stays until removed). On other threads, and when SIGINT is handled otherwise, Ctrl-C is left to the JVM.
     *
     * @param <T> the type of {@code main}'s result
     * @param main the coroutine to run as a task
     * @return {@code main}'s result
     * @throws NullPointerException if {@code main} is null
     * @throws IllegalStateException if the runner is closed, or called from a running loop, or the loop factory
     *         returned a closed loop
     * @throws IllegalArgumentException if the loop factory returned a loop not made by {@link Asyncio#newEventLoop()}
     * @throws NullPointerException if the loop factory returned null
     * @throws KeyboardInterrupt if SIGINT cancelled {@code main} and it ended cancelled (see above)
     */
    public <T> T run(Coro<T> main) {
        if (main == null) {
            throw new NullPointerException("Runner.run(null): a coroutine is required");
        }
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (BaseEventLoop.running() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        BaseEventLoop l = lazyInit();
        Task<T> task = l.createTask(main, null, context);
        MainInterrupt sigint = MainInterrupt.installIfDefault(l, task);
        if (sigint == null) {
            return l.runUntilComplete(task);
        }
        try {
            return l.runUntilComplete(task);
        } catch (CancelledError e) {
            if (sigint.interrupted() && task.uncancel() == 0) {
                KeyboardInterrupt interrupt = new KeyboardInterrupt();
                interrupt.initCause(e);
                MainInterrupt.exitOnUncaught(Thread.currentThread());
                throw interrupt;
            }
            throw e;
        } finally {
            sigint.uninstall();
        }
    }

    /**
     * CPython's {@code Runner.get_loop}.
     *
     * @return the runner's loop, created (and set as this thread's loop) or taken from the loop factory if needed
     * @throws IllegalStateException if the runner is closed, or the loop factory returned a closed loop
     * @throws IllegalArgumentException if the loop factory returned a loop not made by {@link Asyncio#newEventLoop()}
     * @throws NullPointerException if the loop factory returned null
     */
    public EventLoop getLoop() {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        return lazyInit();
    }

    /** Cancels leftover tasks and waits for them, shuts the default executor down, closes the loop. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        BaseEventLoop l = loop;
        if (l == null) {
            return;
        }
        try {
            cancelAllTasks(l);
            l.runUntilComplete(l.shutdownDefaultExecutor());
        } finally {
            if (setEventLoop) {
                Asyncio.setEventLoop(null);
            }
            l.close();
            loop = null;
        }
    }

    private BaseEventLoop lazyInit() {
        if (loop == null) {
            context = Context.copyContext(); // CPython's Runner._context: one for all of its runs
            if (loopFactory == null) {
                loop = new BaseEventLoop(virtualTime);
                loop.closedWorld(closedWorld);
                Asyncio.setEventLoop(loop);
                setEventLoop = true;
            } else {
                loop = fromFactory(); // CPython does not make a factory's loop the thread's loop
            }
            if (debug != null) {
                loop.setDebug(debug);
            }
        }
        return loop;
    }

    private BaseEventLoop fromFactory() {
        EventLoop made = loopFactory.get();
        if (made == null) {
            throw new NullPointerException("Runner: the loop factory returned null");
        }
        // Tasks, futures and the runner's shutdown work on the library's own loop only.
        if (!(made instanceof BaseEventLoop l)) {
            throw new IllegalArgumentException("Runner: the loop factory must return a loop made by "
                    + "Asyncio.newEventLoop(), not a " + made.getClass().getName());
        }
        if (l.isClosed()) {
            throw new IllegalStateException("Runner: the loop factory returned a closed loop");
        }
        return l;
    }

    private void checkNoFactory(String option) {
        if (loopFactory != null) {
            throw new IllegalStateException(option + "() configures a loop the runner makes; this runner takes its "
                    + "loop from a loop factory");
        }
    }

    private void checkNotStarted(String option) {
        if (loop != null || closed) {
            throw new IllegalStateException(option + "() must be set before the runner starts its loop");
        }
    }

    /** CPython's {@code _cancel_all_tasks}. */
    private static void cancelAllTasks(BaseEventLoop loop) {
        Set<Task<?>> toCancel = loop.allTasks();
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> t : toCancel) {
            t.cancel();
        }
        loop.runUntilComplete(Gather.gather(true, toCancel.toArray(new Awaitable<?>[0])));
        for (Task<?> t : toCancel) {
            if (t.cancelled()) {
                continue;
            }
            if (t.exception() != null) {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "unhandled exception during asyncio.run() shutdown");
                ctx.put("exception", t.exception());
                ctx.put("task", t);
                loop.callExceptionHandler(ctx);
            }
        }
    }
}
