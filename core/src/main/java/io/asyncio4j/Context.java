package io.asyncio4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A mapping of {@link ContextVar}s to their values, CPython's {@code contextvars.Context} (PEP 567). Every thread
 * and every task has a <i>current</i> context; {@link ContextVar#get()} and {@link ContextVar#set(Object)} read and
 * change it.
 *
 * <p><b>Where each piece of code runs.</b>
 * <ul>
 *   <li>A {@link Task} runs its whole body in its own context: a copy of the context current when it was created,
 *       or the one given to {@link EventLoop#createTask(Coro, String, Context)}. A {@code set} inside the task is
 *       invisible to its creator and to other tasks.</li>
 *   <li>A callback ({@link EventLoop#callSoon(Runnable, Context)}, {@code callLater}, {@code callAt},
 *       {@code callSoonThreadsafe}, {@link Future#addDoneCallback} and the loop's reader and writer callbacks) runs
 *       in a copy of the context current when it was scheduled, or in the one it was given.</li>
 *   <li>{@link Asyncio#toThread} runs its function in a copy of the calling task's context;
 *       {@link EventLoop#runInExecutor} does not: the function sees the executor thread's own context.</li>
 *   <li>Any other thread starts with an empty context of its own, which {@link #run(Callable)} replaces for the
 *       duration of a call.</li>
 * </ul>
 *
 * <p>A context is entered by {@link #run(Callable)}, by a task whose context it is (while that task's body runs) and
 * by a callback that was given it; it may be entered by one of them at a time (CPython's rule). A task's context is
 * treated as entered only inside the task's own body, so code outside it (another task, a callback, another thread)
 * may enter it while the task is suspended, as in CPython, where a task enters its context step by step.
 *
 * <p><b>Cost.</b> A context is an immutable map ({@code ContextMap}, a copy-on-write array) behind one mutable
 * reference: {@link #copyContext()} shares the map and costs one small object whatever the number of variables;
 * {@code set} replaces the map (a copy of a few references). A task keeps its creator's map and makes its own
 * context only at its first {@code set}; a task switch does not touch contexts at all.
 *
 * <p><b>Threads.</b> Contexts are thread-safe. {@link #get}, {@link #containsKey} and {@link #size} may be called
 * from any thread and see the latest map a {@code set} installed (the reference is volatile). Changes happen only
 * in the thread or task that has the context entered.
 *
 * <p>Memory consistency effects: actions in a thread prior to entering a context in {@link #run(Callable)} or a
 * {@code ContextVar.set} in it <i>happen-before</i> another thread's later {@link ContextVar#get()} that sees the
 * value.
 */
public final class Context {
    private static final VarHandle ENTERED;

    static {
        try {
            ENTERED = MethodHandles.lookup().findVarHandle(Context.class, "entered", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The current context of each thread that is not a task's. */
    private static final ThreadLocal<Slot> SLOTS = ThreadLocal.withInitial(Slot::new);

    /** The variables and their values; replaced, never changed, by {@code set} and {@code reset}. */
    volatile ContextMap map;
    /** Entered by {@link #run}, or by a callback given this context; CAS from false to true. */
    private volatile boolean entered;

    Context(ContextMap map) {
        this.map = map;
    }

    /**
     * CPython's {@code contextvars.copy_context()}: a new context with the current context's variables and values.
     * Later {@code set}s in either context do not show in the other.
     *
     * @return a copy of the calling task's context, or of the calling thread's outside tasks
     */
    public static Context copyContext() {
        return new Context(currentMap());
    }

    /**
     * CPython's {@code Context.run(callable)}: calls {@code fn} with this context as the current one and returns
     * what it returns; the previous context is current again afterwards, whatever {@code fn} did. Changes that
     * {@code fn} makes to context variables stay in this context.
     *
     * <p>Inside a task, {@code fn} may await: the task suspends with this context entered, and other tasks and
     * callbacks run meanwhile in their own contexts. Cancellation: a {@link CancelledError} thrown at such an await
     * leaves {@code fn} and this method as any exception does; the context is left (and may be entered again) and the
     * previous one is current again.
     *
     * @param <R> the type of {@code fn}'s result
     * @param fn the function to call
     * @return {@code fn}'s result
     * @throws IllegalStateException ("cannot enter context: ... is already entered") if this context is entered
     *         already, here or in another thread, or is the context of the task calling this method
     * @throws NullPointerException if {@code fn} is null; whatever {@code fn} throws is thrown as it is, checked
     *         exceptions included (undeclared)
     */
    public <R> R run(Callable<R> fn) {
        Objects.requireNonNull(fn, "fn");
        Task<?> task = Carrier.currentTask();
        if (task != null) {
            return runInTask(task, fn);
        }
        enter();
        try {
            Slot slot = SLOTS.get();
            Object prev = slot.context;
            slot.context = this;
            try {
                return fn.call();
            } finally {
                slot.context = prev;
            }
        } catch (Exception e) {
            throw Tasks.sneakyThrow(e);
        } finally {
            entered = false;
        }
    }

    /**
     * CPython's {@code ctx[var]} / {@code ctx.get(var)}.
     *
     * @param <T> the variable's type
     * @param var the variable
     * @return its value in this context, or {@code null} if it has none here (its default is not consulted)
     */
    public <T> T get(ContextVar<T> var) {
        @SuppressWarnings("unchecked")
        T value = (T) map.get(var, null);
        return value;
    }

    /**
     * CPython's {@code var in ctx}.
     *
     * @param var the variable
     * @return whether {@code var} has a value in this context
     */
    public boolean containsKey(ContextVar<?> var) {
        return map.containsKey(var);
    }

    /**
     * CPython's {@code len(ctx)}.
     *
     * @return the number of variables that have a value in this context
     */
    public int size() {
        return map.size();
    }

    @Override
    public String toString() {
        return "<Context size=" + size() + " at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    /**
     * {@link #run} in a task: the task's current context is replaced meanwhile; the one it replaces, if it is a
     * {@code Context} already, is marked entered, so that {@code fn} cannot enter it again (CPython: a task's context
     * is entered while its step runs).
     */
    private <R> R runInTask(Task<?> task, Callable<R> fn) {
        Object saved = task.context;
        if (saved == this) {
            throw alreadyEntered();
        }
        enter();
        Context held = saved instanceof Context c && ENTERED.compareAndSet(c, false, true) ? c : null;
        task.context = this;
        try {
            return fn.call();
        } catch (Exception e) {
            throw Tasks.sneakyThrow(e);
        } finally {
            task.context = saved;
            if (held != null) {
                held.entered = false;
            }
            entered = false;
        }
    }

    // ---- the library's side ----------------------------------------------------------------------------------

    /** The current context of the calling task or thread. */
    static Context current() {
        Task<?> task = Carrier.currentTask();
        if (task != null) {
            return task.context();
        }
        return SLOTS.get().current();
    }

    /** The variables of the current context, for readers: a task's own context is not made for them. */
    static ContextMap currentMap() {
        Task<?> task = Carrier.currentTask();
        if (task != null) {
            return task.contextMap();
        }
        return SLOTS.get().currentMap();
    }

    /** The calling thread's slot: a loop keeps its own to switch contexts around callbacks without a lookup. */
    static Slot slot() {
        return SLOTS.get();
    }

    /**
     * Runs {@code h}'s work in a copy of {@code map} on {@code slot}, the loop thread's: the copy is made only if the
     * work sets a variable (nobody else can reach it, so it needs no entering either).
     */
    static void runHandle(ContextMap map, Handle h, Slot slot) {
        Object prev = slot.context;
        slot.context = map;
        try {
            h.invoke();
        } finally {
            slot.context = prev;
        }
    }

    /** Runs {@code h}'s work with this context current on {@code slot}, the loop thread's. */
    void runHandle(Handle h, Slot slot) {
        enter();
        Object prev = slot.context;
        slot.context = this;
        try {
            h.invoke();
        } finally {
            slot.context = prev;
            entered = false;
        }
    }

    private void enter() {
        if (!ENTERED.compareAndSet(this, false, true)) {
            throw alreadyEntered();
        }
    }

    private IllegalStateException alreadyEntered() {
        return new IllegalStateException("cannot enter context: " + this + " is already entered");
    }

    /**
     * A thread's current context outside tasks: a {@code Context}, or the {@link ContextMap} of a callback's copy not
     * made yet, or null before first use (an empty context). Used only by its own thread.
     */
    static final class Slot {
        private Object context;

        Context current() {
            Object c = context;
            if (c instanceof Context ctx) {
                return ctx;
            }
            Context ctx = new Context(c == null ? ContextMap.EMPTY : (ContextMap) c);
            context = ctx;
            return ctx;
        }

        ContextMap currentMap() {
            Object c = context;
            return c instanceof Context ctx ? ctx.map : c == null ? ContextMap.EMPTY : (ContextMap) c;
        }
    }
}
