package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * CPython's {@code asyncio.Queue}: a FIFO queue for producer and consumer tasks of one loop (with {@code shutdown}
 * from CPython 3.13). With a {@code maxsize} &gt; 0, {@link #put} waits while the queue is full; {@link #get} waits
 * while it is empty. Waiting producers and consumers are served in arrival order. Items may be {@code null}
 * (except in a {@link PriorityQueue}). Not thread-safe: from other threads, use {@code loop.callSoonThreadsafe}.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(10);
 * createTask(() -> { for (String url : urls) q.put(url).await(); q.shutdown(false); return null; });
 * while (true) {
 *     String url;
 *     try { url = q.get().await(); } catch (QueueShutDown done) { break; }
 *     fetch(url).await();
 *     q.taskDone();
 * }
 * }</pre>
 *
 * <p><b>Cancellation.</b> A cancelled {@code get()} or {@code put()} takes no item and adds none, leaves no waiter
 * behind, and passes a wake-up it had received on to the next waiter.
 *
 * <p><b>Shutdown.</b> After {@link #shutdown(boolean) shutdown(false)}, {@code put}s throw {@link QueueShutDown}
 * (waiting ones too), items already queued can still be taken, and {@code get}s throw {@code QueueShutDown} once the
 * queue is empty. {@code shutdown(true)} also drops the queued items, counting each as done for {@link #join()}.
 *
 * @param <T> the item type
 */
public class Queue<T> extends LoopBound {
    private static final Object NULL = new Object();

    private final int maxsize;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private final Event finished = new Event();
    private int unfinishedTasks;
    private boolean isShutdown;
    private final ArrayDeque<Object> items = new ArrayDeque<>();

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /**
     * A queue holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded. It binds to a loop at its
     * first wait.
     *
     * @param maxsize the most items the queue holds; 0 or less: no limit
     */
    public Queue(int maxsize) {
        this.maxsize = maxsize;
        finished.set();
    }

    // ---- storage: FIFO here; PriorityQueue and LifoQueue change these three ----

    void putItem(T item) {
        items.addLast(item == null ? NULL : item);
    }

    @SuppressWarnings("unchecked")
    T takeItem() {
        Object o = items.pollFirst();
        return o == NULL ? null : (T) o;
    }

    int size() {
        return items.size();
    }

    // ---- the queue ----

    /**
     * CPython's {@code Queue.qsize()}.
     *
     * @return the number of items in the queue
     */
    public int qsize() {
        return size();
    }

    /**
     * CPython's {@code Queue.maxsize}.
     *
     * @return the maximum number of items, or 0 (or less) if unbounded
     */
    public int maxsize() {
        return maxsize;
    }

    /**
     * CPython's {@code Queue.empty()}.
     *
     * @return whether the queue holds no item
     */
    public boolean empty() {
        return size() == 0;
    }

    /**
     * CPython's {@code Queue.full()}.
     *
     * @return whether the queue holds {@code maxsize} items (never, if unbounded)
     */
    public boolean full() {
        return maxsize > 0 && size() >= maxsize;
    }

    /**
     * Puts {@code item}, waiting while the queue is full (CPython's {@code Queue.put}). A cancelled put adds nothing
     * (see the class comment).
     *
     * @param item the item; may be null except in a {@link PriorityQueue}
     * @return a coroutine to await inside a task
     * @throws QueueShutDown (when awaited) if the queue is or becomes shut down
     */
    @CheckReturnValue
    public Coro<Void> put(T item) {
        return Coro.named("Queue.put", () -> {
            while (full()) {
                if (isShutdown) {
                    throw new QueueShutDown();
                }
                waitTurn(putters, () -> !full());
            }
            putNowait(item);
            return null;
        });
    }

    /**
     * Puts {@code item} without waiting (CPython's {@code Queue.put_nowait}), waking the first waiting consumer.
     *
     * @param item the item; may be null except in a {@link PriorityQueue}
     * @throws QueueFull if the queue is full
     * @throws QueueShutDown if the queue is shut down
     */
    public void putNowait(T item) {
        if (isShutdown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull();
        }
        putItem(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    /**
     * Takes an item, waiting while the queue is empty (CPython's {@code Queue.get}). A cancelled get takes nothing
     * (see the class comment).
     *
     * @return a coroutine, to await inside a task, giving the item
     * @throws QueueShutDown (when awaited) if the queue is shut down and empty
     */
    @CheckReturnValue
    public Coro<T> get() {
        return Coro.named("Queue.get", () -> {
            while (empty()) {
                if (isShutdown) {
                    throw new QueueShutDown();
                }
                waitTurn(getters, () -> !empty());
            }
            return getNowait();
        });
    }

    /**
     * Takes an item without waiting (CPython's {@code Queue.get_nowait}), waking the first waiting producer.
     *
     * @return the item
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue is shut down and empty
     */
    public T getNowait() {
        if (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        T item = takeItem();
        wakeUpNext(putters);
        return item;
    }

    /**
     * Tells the queue that the processing of an item taken from it is complete; {@link #join()} returns when every
     * item put has been marked done.
     *
     * @throws IllegalStateException ("task_done() called too many times"; CPython's {@code ValueError}, which
     *         the rule of docs/python-to-java.md makes an {@code IllegalStateException}: no argument is at
     *         fault) if called more times than items were put
     */
    public void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("task_done() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * CPython's {@code Queue.join()}: waits until every item put has been marked done with {@link #taskDone()}. A
     * cancelled join just stops waiting.
     *
     * @return a coroutine to await inside a task
     */
    @CheckReturnValue
    public Coro<Void> join() {
        return Coro.named("Queue.join", () -> {
            if (unfinishedTasks > 0) {
                finished.waitSet().await();
            }
            return null;
        });
    }

    /**
     * Shuts the queue down: puts throw {@link QueueShutDown} from now on, and so do gets once the queue is empty;
     * every waiting producer and consumer is woken to find that out. With {@code immediate}, the queued items are
     * dropped and each counts as done, which may release {@link #join()}. CPython 3.13's {@code Queue.shutdown}.
     *
     * @param immediate whether to drop the queued items too
     */
    public void shutdown(boolean immediate) {
        isShutdown = true;
        if (immediate) {
            while (!empty()) {
                takeItem();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        wakeAll(getters);
        wakeAll(putters);
    }

    /**
     * Waits among {@code waiters} until woken. If the wait fails (a cancel), the waiter leaves the queue, and a
     * wake-up it had received goes to the next waiter when what it waited for is {@code available}.
     */
    private void waitTurn(ArrayDeque<Future<Void>> waiters, BooleanSupplier available) {
        Future<Void> waiter = newWaiter();
        try {
            awaitTurn(waiters, waiter);
        } catch (Throwable e) {
            waiter.cancel(); // in case it was not done yet
            if (available.getAsBoolean() && !waiter.cancelled()) {
                wakeUpNext(waiters);
            }
            throw e;
        }
    }

    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        for (Future<Void> w; (w = waiters.poll()) != null; ) {
            if (!w.done()) {
                w.setResult(null);
                return;
            }
        }
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        for (Future<Void> w; (w = waiters.poll()) != null; ) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=").append(maxsize);
        if (!empty()) {
            sb.append(" qsize=").append(size());
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }
}
