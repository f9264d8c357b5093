package io.asyncio4j;

import java.util.ArrayDeque;

/**
 * CPython's {@code _LoopBoundMixin}: a synchronisation primitive binds to the running loop the first time it has to
 * wait (creating it binds nothing, so it can be made outside any loop), and refuses to be used from another loop.
 */
abstract class LoopBound {
    private BaseEventLoop loop;

    /** The loop this primitive is bound to, binding it to the running loop on first use. */
    final BaseEventLoop loop() {
        BaseEventLoop running = BaseEventLoop.running();
        if (running == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " must be used inside a task of a running event loop");
        }
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException(this + " is bound to a different event loop");
        }
        return loop;
    }

    /** A new pending future of the bound loop, for a waiter. */
    final <T> Future<T> newWaiter() {
        return loop().createFuture();
    }

    /** Waits, as the last of {@code waiters}, until {@code fut} is done; it leaves the queue however that ends. */
    static <T> void awaitTurn(ArrayDeque<Future<T>> waiters, Future<T> fut) {
        waiters.add(fut);
        try {
            fut.await();
        } finally {
            waiters.remove(fut);
        }
    }

    /** Whether every waiter in {@code ws} was cancelled (true if there are none). */
    static boolean allCancelled(ArrayDeque<? extends Future<?>> ws) {
        for (Future<?> w : ws) {
            if (!w.cancelled()) {
                return false;
            }
        }
        return true;
    }
}
