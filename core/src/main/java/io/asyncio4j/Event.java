package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayDeque;

/**
 * CPython's {@code asyncio.Event}: a flag that tasks can wait for. {@link #set()} wakes every task waiting at that
 * moment, in the order they started waiting; waits that start while the flag is set return at once. Not
 * thread-safe: from other threads, use {@code loop.callSoonThreadsafe(event::set)}. A cancelled waiter just stops
 * waiting.
 */
public class Event extends LoopBound {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean value;

    /** A new event whose flag is clear; it binds to a loop at its first wait. */
    public Event() {
    }

    /**
     * CPython's {@code Event.is_set()}.
     *
     * @return whether the flag is set
     */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every waiting task; does nothing if it is already set. */
    public void set() {
        if (!value) {
            value = true;
            for (Future<Boolean> w : waiters) {
                if (!w.done()) {
                    w.setResult(true);
                }
            }
        }
    }

    /** Clears the flag: later {@link #waitSet()}s wait until the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /**
     * Python's {@code Event.wait()}: waits until the flag is set (returns at once if it is). If the waiting task is
     * cancelled, the await throws {@link CancelledError} and the task stops waiting; the event is unaffected.
     *
     * @return a coroutine, to await inside a task, giving true once the flag is set
     */
    @CheckReturnValue
    public Coro<Boolean> waitSet() {
        return Coro.named("Event.waitSet", () -> {
            if (value) {
                return true;
            }
            awaitTurn(waiters, newWaiter());
            return true;
        });
    }

    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<asyncio4j.Event [" + extra + "]>";
    }
}
