package io.asyncio4j;

import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.nio.channels.SelectableChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The event loop: CPython's {@code BaseEventLoop}, see {@link EventLoop} for the contract. This class is the loop
 * proper: the ready queues, {@code runOnce}, run/stop/close, tasks, executors and error handling. Its
 * collaborators, one concept each and used only on the loop's thread (unless their javadoc says otherwise):
 * {@link TimerHeap} (the scheduled timers in CPython's heap order), {@link SelectorIo} (the selector and the
 * reader/writer watches, CPython's {@code selector_events.py}) and {@link LoopClock} (real or virtual time). How
 * long a wait takes, and so when virtual time jumps, is decided here ({@code poll}), because it depends on all
 * three and on the work outside the loop:
 *
 * <p>Virtual time ({@link Runner#virtualTime(boolean)}): {@link #time()} starts at 0 and moves only while the
 * loop waits. When nothing is ready and nothing outside the loop can wake it (no channel registered on the
 * selector, no executor job or wrapped {@code CompletionStage} in flight), the wait takes no real time: the clock
 * jumps to the next timer's deadline. Otherwise the loop waits in real time and the clock advances by the time
 * that really passed. Threads the loop does not know about (plain threads calling
 * {@link #callSoonThreadsafe(Runnable)}) are waited for only when no timer is pending.
 *
 * <p>In a closed world ({@link Runner#closedWorld(boolean)}) every peer of the loop's sockets is the loop itself (a
 * server and its clients over loopback): registered channels then do not hold the clock. When nothing is ready and
 * the selector reports nothing within {@link #CLOSED_WORLD_SETTLE_MILLIS} of real time, no I/O can come before a
 * timer of the loop fires, so the clock jumps to the next timer as if no channel were watched; real time spent on
 * I/O is not added to the clock.
 */
final class BaseEventLoop implements EventLoop {
    /**
     * The loop's logger, made on first use: {@code System.getLogger} starts the JDK's logging (about 16 ms and
     * several hundred classes on a cold JVM), which a program that never logs must not pay when its first loop starts.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("io.asyncio4j");

        private Log() {
        }
    }
    private static final ThreadLocal<BaseEventLoop> RUNNING = new ThreadLocal<>();
    /** Shared by every real-time loop; held here so that its zero is when this class is initialised. */
    private static final LoopClock REAL_CLOCK = LoopClock.Real.REAL;
    private static final double MAXIMUM_SELECT_TIMEOUT = 24 * 3600;
    /** CPython's {@code slow_callback_duration}: in debug mode, callbacks and task steps longer than this are logged. */
    private double slowCallbackDuration = 0.1;
    private static final AtomicInteger EXECUTOR_IDS = new AtomicInteger();

    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    /** The {@link LoopLagEvent}s of the handles at the head of {@link #ready}; null until a recording wants them. */
    private ReadyLag lag;
    /**
     * {@link Jfr#started()} as of the start of this loop's current iteration: a plain field on the paths of every
     * callback, read again once per iteration (JFR starting is noticed within one).
     */
    boolean jfr;
    /** CPython's {@code _task_factory}; null: plain tasks. */
    private TaskFactory taskFactory;
    private final ConcurrentLinkedQueue<Handle> threadsafeReady = new ConcurrentLinkedQueue<>();
    private final TimerHeap timers = new TimerHeap();
    private final SelectorIo io = new SelectorIo(ready);
    private final LoopClock clock;

    /** The thread running the loop, or null when it is not running. */
    volatile Thread thread;
    /** The thread that ran the loop last, or created it: the owner while the loop is not running. */
    private volatile Thread lastThread = Thread.currentThread();
    /** The task thread the loop is stepping right now (it may use the loop too). */
    Thread steppingThread;
    /** The loop thread's current context while the loop runs: callbacks switch it to theirs ({@link Handle}). */
    Context.Slot contextSlot;
    /** Set while the loop thread waits, so that other threads know to wake it. */
    private volatile boolean sleeping;
    private boolean stopping;
    private volatile boolean closed;
    private boolean debug;
    private Carrier carrier;

    /** See {@link Runner#closedWorld(boolean)}: set by the runner before the loop starts. */
    private boolean closedWorld;

    /** See {@link Runner#closedWorld(boolean)}: called by the runner before the loop starts. */
    void closedWorld(boolean on) {
        closedWorld = on;
    }
    /**
     * How long a closed-world loop lets the selector settle before it jumps: loopback data is normally queued at
     * the peer by the time the write returns, this covers a kernel that defers the delivery a little.
     */
    static final long CLOSED_WORLD_SETTLE_MILLIS = 2;
    /** Work in flight outside the loop that will call back into it (executor jobs, wrapped stages). */
    private int externalPending;
    /** Fast carrier: tasks parked in the JDK whose wait has ended, to be stepped on the loop. */
    private final ConcurrentLinkedQueue<Runnable> detachedResumptions = new ConcurrentLinkedQueue<>();
    /**
     * Fast carrier: the loop thread is parked waiting for a task blocked in the JDK; whoever makes a task runnable
     * (a resumption, or a submission of the awaited task) must unpark it.
     */
    volatile boolean waitingForTask;

    private ExecutorService defaultExecutor;
    private boolean executorShutdownCalled;
    private BiConsumer<EventLoop, Map<String, Object>> exceptionHandler;
    /** Head of the list of unfinished tasks, in creation order. */
    private Task<?> firstLive, lastLive;
    /**
     * The reports this loop owes ({@link LateReport}: unretrieved exceptions, coroutines never awaited), in the
     * order they arose: made when the loop closes if not before. Synchronized: the cleaner's thread removes too.
     */
    private final Set<LateReport> lateReports = new LinkedHashSet<>();
    /** This loop's signal handlers by signal name ({@code "INT"}); only on the loop's thread. */
    private final Map<String, SignalRegistration> signalHandlers = new LinkedHashMap<>();

    BaseEventLoop(boolean virtualTime) {
        this.clock = virtualTime ? new LoopClock.Virtual() : REAL_CLOCK;
        synchronized (LOOPS) {
            for (int i = LOOPS.size() - 1; i >= 0; i--) {
                if (LOOPS.get(i).get() == null) {
                    LOOPS.remove(i);
                }
            }
            LOOPS.add(new WeakReference<>(this));
        }
    }

    /**
     * Every loop made and not closed yet, weakly held, for task dumps ({@code ./asyncio4j ps}): a loop nobody
     * references any more is forgotten without being closed. Guarded by itself; touched when a loop is made or
     * closed and when a dump is taken, never otherwise.
     */
    private static final ArrayList<WeakReference<BaseEventLoop>> LOOPS = new ArrayList<>();

    /** The loops made and not closed yet (that are still referenced), in creation order. */
    static List<BaseEventLoop> liveLoops() {
        List<BaseEventLoop> out = new ArrayList<>();
        synchronized (LOOPS) {
            for (WeakReference<BaseEventLoop> r : LOOPS) {
                BaseEventLoop l = r.get();
                if (l != null) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** The loop running on the calling thread (or whose task is the calling thread), or null. */
    static BaseEventLoop running() {
        Task<?> task = Carrier.currentTask();
        if (task != null) {
            return task.loop;
        }
        return RUNNING.get();
    }

    // ---- clock and scheduling ------------------------------------------------------------------------------

    @Override
    public double time() {
        return clock.time();
    }

    boolean isVirtualTime() {
        return clock instanceof LoopClock.Virtual;
    }

    @Override
    public Handle callSoon(Runnable cb) {
        return callSoon(cb, null);
    }

    @Override
    public Handle callSoon(Runnable cb, Context context) {
        checkCallback(cb, "callSoon");
        Handle h = new Handle(cb, context != null ? context : Context.currentMap());
        callSoon(h);
        return h;
    }

    /** callSoon from this loop's running task: the loop is open and runs on the calling thread's carrier. */
    void scheduleFromTask(Handle h) {
        ready.add(h);
        if (jfr && LoopLagEvent.PROBE.isEnabled()) {
            stampReady();
        }
    }

    void callSoon(Handle h) {
        checkClosed();
        checkThread();
        ready.add(h);
        if (jfr && LoopLagEvent.PROBE.isEnabled()) {
            stampReady();
        }
    }

    /** A recording wants {@link LoopLagEvent}s: begins those of the handles queued since the last stamp. */
    private void stampReady() {
        ReadyLag l = lag;
        if (l == null) {
            l = lag = new ReadyLag();
        }
        l.stampUpTo(ready.size());
    }

    @Override
    public TimerHandle callLater(double delay, Runnable cb) {
        return callLater(delay, cb, null);
    }

    @Override
    public TimerHandle callLater(double delay, Runnable cb, Context context) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("callLater: delay is NaN");
        }
        return callAt(time() + delay, cb, context);
    }

    @Override
    public TimerHandle callAt(double when, Runnable cb) {
        return callAt(when, cb, null);
    }

    @Override
    public TimerHandle callAt(double when, Runnable cb, Context context) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("callAt: when is NaN");
        }
        checkCallback(cb, "callAt");
        checkClosed();
        checkThread();
        TimerHandle h = new TimerHandle(when, cb, context != null ? context : Context.currentMap(), timers);
        timers.push(h);
        return h;
    }

    @Override
    public Handle callSoonThreadsafe(Runnable cb) {
        checkCallback(cb, "callSoonThreadsafe");
        checkClosed();
        Handle h = new Handle(cb, Context.currentMap());
        enqueueThreadsafe(h);
        return h;
    }

    /** callSoonThreadsafe for completions from other threads: a closed loop just drops them (as CPython). */
    private void callSoonThreadsafeIfOpen(Runnable cb) {
        if (!closed) {
            enqueueThreadsafe(new Handle(cb));
        }
    }

    /**
     * From the loop's own thread (or its running task) the handle joins the ready queue directly, so it keeps its
     * FIFO place among {@code callSoon}s as in CPython, whose ready deque is shared; other threads go through a
     * concurrent queue that the loop drains before and after each wait.
     */
    private void enqueueThreadsafe(Handle h) {
        Thread t = Thread.currentThread();
        Thread owner = thread;
        if (owner == null ? t == lastThread : (t == owner || t == steppingThread)) {
            ready.add(h);
            if (jfr && LoopLagEvent.PROBE.isEnabled()) {
                stampReady();
            }
        } else {
            threadsafeReady.add(h);
            wakeUp();
        }
    }

    private void wakeUp() {
        if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
            io.wakeup();
        }
    }

    private static void checkCallback(Runnable cb, String method) {
        if (cb == null) {
            throw new NullPointerException(method + ": the callback is null");
        }
    }

    // ---- futures and tasks -----------------------------------------------------------------------------------

    @Override
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    @Override
    public <T> Task<T> createTask(Coro<T> coro, String name) {
        return createTask(coro, name, null);
    }

    @Override
    public <T> Task<T> createTask(Coro<T> coro, String name, Context context) {
        checkClosed();
        TaskFactory f = taskFactory;
        if (f == null) {
            return new Task<>(this, coro, name, context);
        }
        return Objects.requireNonNull(f.create(this, coro, name, context), "the task factory returned null");
    }

    @Override
    public void setTaskFactory(TaskFactory factory) {
        taskFactory = factory;
    }

    @Override
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /** CPython's ensure_future: a future as it is, anything else awaited by a new task. */
    @SuppressWarnings("unchecked")
    <T> Future<T> ensureFuture(Awaitable<T> aw) {
        if (aw == null) {
            throw new NullPointerException("ensureFuture(null)");
        }
        if (aw instanceof Future<T> f) {
            if (f.loop != this) {
                throw new IllegalArgumentException(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
            return f;
        }
        if (aw instanceof Coro<T> c) {
            return createTask(c, null);
        }
        return createTask(aw::await, null);
    }

    /** The carrier of this loop's tasks, chosen when the loop first runs. */
    Carrier carrier() {
        return carrier;
    }

    void registerTask(Task<?> t) {
        t.prevLive = lastLive;
        if (lastLive == null) {
            firstLive = t;
        } else {
            lastLive.nextLive = t;
        }
        lastLive = t;
    }

    void unregisterTask(Task<?> t) {
        Task<?> prev = t.prevLive, next = t.nextLive;
        if (prev == null) {
            if (firstLive != t) {
                return; // not registered
            }
            firstLive = next;
        } else {
            prev.nextLive = next;
        }
        if (next == null) {
            lastLive = prev;
        } else {
            next.prevLive = prev;
        }
        t.prevLive = t.nextLive = null;
    }

    /** The first of this loop's unfinished tasks (then {@code nextLive}), for call graphs and task dumps. */
    Task<?> firstLive() {
        return firstLive;
    }

    /** The thread running the loop, else the one that ran it last or created it (task dumps). */
    Thread ownerThread() {
        Thread t = thread;
        return t != null ? t : lastThread;
    }

    /** The unfinished tasks of this loop, in creation order. */
    Set<Task<?>> allTasks() {
        Set<Task<?>> all = new LinkedHashSet<>();
        for (Task<?> t = firstLive; t != null; t = t.nextLive) {
            if (!t.done()) {
                all.add(t);
            }
        }
        return all;
    }

    // ---- executors -------------------------------------------------------------------------------------------

    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        if (fn == null) {
            throw new NullPointerException("runInExecutor: the callable is null");
        }
        checkClosed();
        checkThread();
        Executor ex = executor != null ? executor : defaultExecutor();
        Future<T> fut = createFuture();
        FutureTask<T> job = new FutureTask<>(fn) {
            @Override
            protected void done() {
                callSoonThreadsafeIfOpen(() -> {
                    externalPending--;
                    copyState(this, fut);
                });
            }
        };
        externalPending++;
        try {
            ex.execute(job);
        } catch (RejectedExecutionException e) {
            externalPending--;
            throw e;
        }
        fut.addDoneCallback(f -> {
            if (f.cancelled()) {
                job.cancel(false);
            }
        });
        return fut;
    }

    private static <T> void copyState(java.util.concurrent.Future<T> source, Future<T> dest) {
        if (dest.done()) {
            return;
        }
        if (source.isCancelled()) {
            dest.cancel();
            return;
        }
        try {
            dest.setResult(source.get());
        } catch (ExecutionException e) {
            dest.setException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dest.setException(e);
        }
    }

    /** Tells the loop that a callback from outside will come (virtual time must not jump past it). */
    void externalWorkStarted() {
        externalPending++;
    }

    /** On the loop: outside work announced by {@link #externalWorkStarted()} will not call back after all. */
    void externalWorkCancelled() {
        externalPending--;
    }

    /** From any thread: the outside work ended; runs {@code completion} on the loop. */
    void externalWorkDone(Runnable completion) {
        callSoonThreadsafeIfOpen(() -> {
            externalPending--;
            completion.run();
        });
    }

    /**
     * From any thread (fast carrier): a task that was parked in the JDK while the loop went on can go on;
     * {@code resumption} steps it on the loop, which also counts its outside work done. A loop that waits for
     * another task blocked in the JDK runs it from there (see {@link #runDetachedResumptions()}).
     */
    void resumeDetached(Runnable resumption) {
        if (closed) {
            return;
        }
        detachedResumptions.add(resumption);
        if (waitingForTask) {
            LockSupport.unpark(thread);
        }
        callSoonThreadsafeIfOpen(this::runDetachedResumptions);
    }

    /** On the loop thread: steps the detached tasks whose wait ended; whether there was any. */
    boolean runDetachedResumptions() {
        Runnable r = detachedResumptions.poll();
        if (r == null) {
            return false;
        }
        do {
            externalPending--;
            r.run();
        } while ((r = detachedResumptions.poll()) != null);
        return true;
    }

    @Override
    public void setSlowCallbackDuration(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("slowCallbackDuration must be >= 0, not " + seconds);
        }
        slowCallbackDuration = seconds;
    }

    @Override
    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    @Override
    public void setDefaultExecutor(ExecutorService executor) {
        if (executor == null) {
            throw new NullPointerException("setDefaultExecutor(null)");
        }
        checkClosed();
        defaultExecutor = executor;
    }

    private ExecutorService defaultExecutor() {
        if (executorShutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called");
        }
        ExecutorService ex = defaultExecutor;
        if (ex == null) {
            int max = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            int id = EXECUTOR_IDS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor tpe = new ThreadPoolExecutor(max, max, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "asyncio4j-executor-" + id + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            tpe.allowCoreThreadTimeOut(true);
            ex = defaultExecutor = tpe;
        }
        return ex;
    }

    /**
     * CPython's {@code shutdown_default_executor}: no new jobs; completes when the running ones have ended,
     * waiting without blocking the loop.
     */
    Coro<Void> shutdownDefaultExecutor() {
        return () -> {
            executorShutdownCalled = true;
            ExecutorService ex = defaultExecutor;
            if (ex == null) {
                return null;
            }
            ex.shutdown();
            Future<Void> done = createFuture();
            externalWorkStarted();
            Thread.ofPlatform().daemon().name("asyncio4j-executor-shutdown").start(() -> {
                try {
                    ex.awaitTermination(300, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                externalWorkDone(() -> {
                    if (!done.done()) {
                        done.setResult(null);
                    }
                });
            });
            return done.await();
        };
    }

    // ---- running ---------------------------------------------------------------------------------------------

    @Override
    public <T> T runUntilComplete(Awaitable<T> aw) {
        checkClosed();
        checkNotRunning();
        Future<T> fut = ensureFuture(aw);
        java.util.function.Consumer<Future<T>> stopper = f -> f.loop.stop();
        fut.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            fut.removeDoneCallback(stopper);
        }
        if (!fut.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return fut.result();
    }

    @Override
    public void runForever() {
        checkClosed();
        checkNotRunning();
        Thread current = Thread.currentThread();
        if (carrier == null) {
            carrier = Carrier.choose(current);
        } else if (carrier instanceof FastCarrier && current.isVirtual()) {
            throw new IllegalStateException("this loop's tasks use the fast carrier, which needs a platform thread, "
                    + "but " + current + " is virtual");
        }
        thread = current;
        lastThread = current;
        contextSlot = Context.slot();
        RUNNING.set(this);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            RUNNING.remove();
            thread = null;
        }
    }

    /** CPython's {@code _run_once}: one full iteration. */
    private void runOnce() {
        jfr = Jfr.started();
        timers.dropCancelled();
        drainThreadsafe();
        double timeout;
        if (!ready.isEmpty() || stopping) {
            timeout = 0;
        } else if (!timers.isEmpty()) {
            timeout = Math.min(Math.max(0, timers.firstWhen() - time()), MAXIMUM_SELECT_TIMEOUT);
        } else {
            timeout = -1;
        }
        poll(timeout);
        drainThreadsafe();

        if (!timers.isEmpty()) {
            double now = time();
            timers.moveDue(now, now + LoopClock.RESOLUTION, ready);
        }
        if (jfr && LoopLagEvent.PROBE.isEnabled()) {
            stampReady(); // what the wait, other threads and the timers made ready
        }

        int ntodo = ready.size();
        for (int i = 0; i < ntodo; i++) {
            Handle h = ready.poll();
            ReadyLag l = lag; // read each time: a callback may start the stamps, of the handles after it too
            LoopLagEvent waited = l == null ? null : l.pop();
            if (h.cancelled) {
                continue;
            }
            if (debug || waited != null || jfr && SlowCallbackEvent.PROBE.isEnabled()) {
                runObserved(h, waited);
            } else {
                h.run(this);
            }
        }
    }

    /**
     * Runs {@code h} watched: debug mode's slow-callback warning, and the JFR events a recording wants (its
     * {@link LoopLagEvent} ends as it starts, a {@link SlowCallbackEvent} spans it).
     */
    private void runObserved(Handle h, LoopLagEvent waited) {
        if (waited != null) {
            waited.end();
            if (waited.shouldCommit()) {
                waited.callback = h.formatForLog();
                waited.commit();
            }
        }
        SlowCallbackEvent slow = null;
        if (jfr && SlowCallbackEvent.PROBE.isEnabled()) {
            slow = new SlowCallbackEvent();
            slow.begin();
        }
        long t0 = debug ? System.nanoTime() : 0; // real time: in virtual time the loop clock stands still here
        h.run(this);
        if (slow != null) {
            slow.end();
            if (slow.shouldCommit()) {
                slow.callback = h.formatForLog();
                slow.commit();
            }
        }
        if (debug) {
            double dt = (System.nanoTime() - t0) / 1e9;
            if (dt >= slowCallbackDuration) {
                ErrorReporting.log(Level.WARNING, "Executing " + h.formatForLog() + " took "
                        + String.format("%.3f", dt) + " seconds", null);
            }
        }
    }

    private void drainThreadsafe() {
        Handle h;
        while ((h = threadsafeReady.poll()) != null) {
            ready.add(h);
        }
    }

    /** Waits for I/O, another thread or the timeout (seconds; 0: just poll; -1: no limit). */
    private void poll(double timeout) {
        io.flushDeregistrations();
        if (timeout == 0) {
            io.pollIfDue();
            return;
        }
        boolean watching = io.watching();
        if (clock instanceof LoopClock.Virtual virtual) {
            if (closedWorld && watching && externalPending == 0) {
                // Every peer is this loop: the I/O it waits for is its own, already written; the clock follows
                // timers only.
                if (timeout > 0) {
                    select(Math.min(timeout, CLOSED_WORLD_SETTLE_MILLIS / 1000.0));
                    if (ready.isEmpty() && threadsafeReady.isEmpty()) {
                        virtual.jumpTo(timers.firstWhen());
                    }
                } else {
                    select(timeout);
                }
                return;
            }
            if (!watching && externalPending == 0 && timeout > 0) {
                // Nothing outside the loop can happen before the next timer: jump to it.
                if (threadsafeReady.isEmpty()) {
                    virtual.jumpTo(timers.firstWhen());
                }
                return;
            }
            long t0 = System.nanoTime();
            waitFor(watching, timeout);
            virtual.waited(t0, timeout);
        } else {
            waitFor(watching, timeout);
        }
    }

    /** Waits in real time: on the selector while a channel is watched, else parked. */
    private void waitFor(boolean watching, double timeout) {
        if (watching) {
            select(timeout);
        } else {
            park(timeout);
        }
    }

    private void park(double timeout) {
        sleeping = true;
        try {
            if (!threadsafeReady.isEmpty()) {
                return;
            }
            if (timeout < 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, (long) Math.ceil(timeout * 1e9));
            }
        } finally {
            sleeping = false;
        }
    }

    /** Selects with {@code timeout} (not 0), asleep: another thread's callback wakes it (or it just polls). */
    private void select(double timeout) {
        sleeping = true;
        try {
            if (!threadsafeReady.isEmpty()) {
                io.selectNow();
            } else {
                io.select(timeout);
            }
        } finally {
            sleeping = false;
        }
    }

    @Override
    public void addReader(SelectableChannel channel, Runnable callback) {
        if (channel instanceof java.nio.channels.ServerSocketChannel) {
            ErrorReporting.warmUp(); // a server: where descriptors run out, and errors must still be reported
        }
        watch(channel, callback, true);
    }

    @Override
    public boolean removeReader(SelectableChannel channel) {
        checkThread();
        return io.unwatch(channel, true);
    }

    @Override
    public void addWriter(SelectableChannel channel, Runnable callback) {
        watch(channel, callback, false);
    }

    @Override
    public boolean removeWriter(SelectableChannel channel) {
        checkThread();
        return io.unwatch(channel, false);
    }

    private void watch(SelectableChannel ch, Runnable cb, boolean read) {
        if (ch == null) {
            throw new NullPointerException((read ? "addReader" : "addWriter") + ": the channel is null");
        }
        checkCallback(cb, read ? "addReader" : "addWriter");
        checkClosed();
        checkThread();
        io.watch(ch, cb, read);
    }

    // ---- signals ---------------------------------------------------------------------------------------------

    @Override
    public void addSignalHandler(String signal, Runnable callback) {
        checkCallback(callback, "addSignalHandler");
        sun.misc.Signal sig = Signals.named(signal);
        checkClosed();
        checkThread();
        String name = sig.getName();
        signalHandlers.put(name, SignalRegistration.register(this, sig, callback, signalHandlers.get(name)));
    }

    @Override
    public boolean removeSignalHandler(String signal) {
        sun.misc.Signal sig = Signals.named(signal);
        checkThread();
        SignalRegistration r = signalHandlers.remove(sig.getName());
        if (r == null) {
            return false;
        }
        r.remove();
        return true;
    }

    /** From the JVM's signal thread: schedules a signal's callback; false if the loop is closed. */
    boolean scheduleSignalCallback(Runnable callback) {
        if (closed) {
            return false;
        }
        enqueueThreadsafe(new Handle(callback));
        return true;
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        synchronized (LOOPS) {
            for (int i = LOOPS.size() - 1; i >= 0; i--) {
                BaseEventLoop l = LOOPS.get(i).get();
                if (l == null || l == this) {
                    LOOPS.remove(i);
                }
            }
        }
        for (SignalRegistration r : signalHandlers.values()) {
            r.remove();
        }
        signalHandlers.clear();
        destroyPendingTasks();
        reportLate();
        ready.clear();
        if (lag != null) {
            lag.clear();
        }
        threadsafeReady.clear();
        timers.clear();
        executorShutdownCalled = true;
        ExecutorService ex = defaultExecutor;
        defaultExecutor = null;
        if (ex != null) {
            ex.shutdown();
        }
        io.close();
    }

    void lateReportAdd(LateReport r) {
        synchronized (lateReports) {
            lateReports.add(r);
        }
    }

    void lateReportRemove(LateReport r) {
        synchronized (lateReports) {
            lateReports.remove(r);
        }
    }

    /**
     * CPython reports a failed future nobody awaited, or a coroutine nobody awaited, as soon as its last reference
     * goes; here that is at its collection, or at the latest now, as the loop closes, so that a short program says
     * so too.
     */
    private void reportLate() {
        LateReport[] left;
        synchronized (lateReports) {
            left = lateReports.toArray(new LateReport[0]);
            lateReports.clear();
        }
        for (LateReport r : left) {
            r.reportAtClose();
        }
    }

    /**
     * CPython's "Task was destroyed but it is pending!": tasks still pending when the loop closes are reported and
     * their threads unwound (their {@code finally} blocks run), so no suspended thread outlives the loop.
     */
    private void destroyPendingTasks() {
        for (Task<?> t = firstLive; t != null; t = firstLive) {
            unregisterTask(t);
            if (t.done()) {
                continue;
            }
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Task was destroyed but it is pending!");
            ctx.put("task", t);
            callExceptionHandler(ctx);
            if (t.thread != null) {
                try {
                    t.thread.destroy();
                } catch (RuntimeException | Error e) {
                    ErrorReporting.log(Level.WARNING, "unwinding " + t + " at close failed", e);
                }
            }
            t.recordEnd(); // a TaskFinished event begun for it ends as "destroyed"
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setDebug(boolean on) {
        debug = on;
    }

    @Override
    public boolean getDebug() {
        return debug;
    }

    void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    private void checkNotRunning() {
        if (thread != null) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (running() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
    }

    /** Non-thread-safe operations must come from the loop's thread or the task it is running. */
    void checkThread() {
        Thread owner = thread;
        if (owner == null) {
            return; // not running: CPython allows scheduling from the thread that will run it
        }
        Thread t = Thread.currentThread();
        if (t != owner && t != steppingThread) {
            throw new IllegalStateException("Non-thread-safe operation invoked on an event loop other than the "
                    + "current one (from " + t + "); use callSoonThreadsafe");
        }
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    @Override
    public void setExceptionHandler(BiConsumer<EventLoop, Map<String, Object>> handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public BiConsumer<EventLoop, Map<String, Object>> getExceptionHandler() {
        return exceptionHandler;
    }

    /** Never throws: an error in reporting is logged as a last resort, or dropped (see {@link ErrorReporting}). */
    void reportCallbackError(Handle h, Throwable e) {
        try {
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Exception in callback " + h.describeCallback());
            ctx.put("exception", e);
            ctx.put("handle", h);
            callExceptionHandler(ctx);
        } catch (Throwable t) {
            ErrorReporting.lastResort("Exception in callback", e);
        }
    }

    @Override
    public void callExceptionHandler(Map<String, Object> context) {
        BiConsumer<EventLoop, Map<String, Object>> handler = exceptionHandler;
        if (handler == null) {
            try {
                defaultExceptionHandler(context);
            } catch (Throwable t) {
                ErrorReporting.lastResort("Exception in default exception handler", t);
            }
            return;
        }
        try {
            handler.accept(this, context);
        } catch (Throwable t) {
            try {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "Unhandled error in exception handler");
                ctx.put("exception", t);
                ctx.put("context", context);
                defaultExceptionHandler(ctx);
            } catch (Throwable t2) {
                ErrorReporting.lastResort("Exception in default exception handler while handling an unexpected "
                        + "error in custom exception handler", t2);
            }
        }
    }

    @Override
    public void defaultExceptionHandler(Map<String, Object> context) {
        Object message = context.get("message");
        StringBuilder sb = new StringBuilder(message == null ? "Unhandled exception in event loop"
                : message.toString());
        Object exc = context.get("exception");
        context.keySet().stream().filter(k -> !k.equals("message") && !k.equals("exception")).sorted()
                .forEach(k -> sb.append('\n').append(k).append(": ").append(Repr.full(context.get(k))));
        Log.LOG.log(Level.ERROR, sb.toString(), exc instanceof Throwable t ? t : null);
    }

    /** How many queued handles have a begun {@link LoopLagEvent}: never more than are queued (for tests). */
    int readyLagCount() {
        return lag == null ? 0 : lag.count();
    }

    /** How many handles are in the ready queue (for tests). */
    int readyCount() {
        return ready.size();
    }

    /** Number of timers in the heap, cancelled ones included (for tests). */
    int scheduledTimerCount() {
        return timers.size();
    }

    @Override
    public String toString() {
        return "<BaseEventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}
