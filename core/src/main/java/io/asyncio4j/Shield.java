package io.asyncio4j;

import java.util.function.Consumer;

/**
 * CPython's {@code asyncio.shield}: an outer future that follows the inner awaitable, so that cancelling the outer
 * (or the task awaiting it) leaves the inner running. Cancelling the inner cancels the outer. An inner that is
 * already done is returned as it is. If the outer was cancelled, a later failure of the inner is marked as
 * retrieved (nobody is left to see it, and it must not be reported as never retrieved).
 */
final class Shield {
    private Shield() {
    }

    static <T> Future<T> shield(Awaitable<T> aw) {
        if (aw == null) {
            throw new NullPointerException("shield(null)");
        }
        BaseEventLoop loop = aw instanceof Future<T> f ? f.loop : (BaseEventLoop) Asyncio.getEventLoop();
        Future<T> inner = loop.ensureFuture(aw);
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = new Outer<>(loop, inner);
        Consumer<Future<T>> innerDone = in -> {
            if (outer.cancelled()) {
                if (!in.cancelled()) {
                    in.retrieveException();
                }
                return;
            }
            if (in.cancelled()) {
                outer.cancel();
                return;
            }
            Throwable e = in.retrieveException();
            if (e != null) {
                outer.setException(e);
            } else {
                outer.setResult(in.result());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(out -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    /** The shielded future of {@code outer} if it is a shield's, else null (call graphs: awaited by its awaiter). */
    static Future<?> innerOf(Future<?> outer) {
        return outer instanceof Outer<?> o ? o.inner : null;
    }

    /** A shield's outer future, which knows the inner one for call graphs (CPython 3.14 records it at shield). */
    private static final class Outer<T> extends Future<T> {
        final Future<T> inner;

        Outer(BaseEventLoop loop, Future<T> inner) {
            super(loop);
            this.inner = inner;
        }
    }
}
