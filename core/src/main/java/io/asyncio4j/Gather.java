package io.asyncio4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * CPython's {@code asyncio.gather}: runs awaitables concurrently and collects their results in argument order.
 *
 * <p>The returned future is created at once; coroutines are wrapped in tasks (the same object passed twice is one
 * task). Without {@code returnExceptions}, the first exception (or a child's cancellation) completes the gather
 * with it, and the other children keep running. With it, exceptions and {@link CancelledError}s take the place of
 * results. Cancelling the gather cancels every unfinished child.
 *
 * <p><b>Children already done</b> are accounted for before {@code gather} returns, as in CPython 3.12: if all are
 * done (or one already failed, without {@code returnExceptions}) the gather is returned done, and awaiting it does
 * not yield to the loop. CPython 3.11 completed it one loop iteration later.
 *
 * <p><b>A cancelled gather</b> whose children have all finished throws the {@link CancelledError} of the last child
 * in argument order (that child's own error if it raised one, else one with its cancel message), whichever child
 * finished last: CPython's {@code _done_callback} takes it from the variable its loop over the children left
 * bound to the last one.
 */
final class Gather {
    private Gather() {
    }

    static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... aws) {
        return gather(returnExceptions, results -> results, aws);
    }

    /**
     * The gather whose result is {@code finish} applied to the list of results: the typed forms
     * ({@link Asyncio#gather2}, {@link Asyncio#gather3}) are this very future, not one that follows it, so that
     * cancelling them and awaiting them behave exactly as for a plain gather.
     */
    static <R> Future<R> gather(boolean returnExceptions, Function<List<Object>, R> finish, Awaitable<?>... aws) {
        if (aws.length == 0) {
            BaseEventLoop loop = (BaseEventLoop) Asyncio.getEventLoop();
            Future<R> outer = loop.createFuture();
            outer.setResult(finish.apply(new ArrayList<>()));
            return outer;
        }
        Map<Awaitable<?>, Future<?>> argToFut = new IdentityHashMap<>();
        List<Future<?>> children = new ArrayList<>(aws.length);
        BaseEventLoop loop = null;
        GatheringFuture<R> outer = null;
        List<Future<?>> fresh = new ArrayList<>();
        for (Awaitable<?> arg : aws) {
            Future<?> fut = argToFut.get(arg);
            if (fut == null) {
                if (loop == null) {
                    loop = arg instanceof Future<?> f ? f.loop : (BaseEventLoop) Asyncio.getEventLoop();
                }
                fut = loop.ensureFuture(arg);
                argToFut.put(arg, fut);
                fresh.add(fut);
            }
            children.add(fut);
        }
        outer = new GatheringFuture<>(loop, children, returnExceptions, fresh.size(), finish);
        List<Future<?>> doneFuts = new ArrayList<>();
        for (Future<?> fut : fresh) {
            if (fut.done()) {
                doneFuts.add(fut);
            } else {
                addCallback(fut, outer);
            }
        }
        // CPython 3.12: the children already done are counted now, so a gather of done children is returned done.
        for (Future<?> fut : doneFuts) {
            outer.childDone(fut);
        }
        return outer;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addCallback(Future<?> fut, GatheringFuture<?> outer) {
        ((Future) fut).addDoneCallback((Consumer<Future<?>>) outer::childDone);
    }

    /**
     * The children of {@code outer} if it is a gather's future, else null: call graphs show the gathered futures as
     * awaited by the task that awaits the gather (CPython 3.14 records them at gather, for the calling task).
     */
    static List<Future<?>> childrenOf(Future<?> outer) {
        return outer instanceof GatheringFuture<?> g ? g.children : null;
    }

    private static final class GatheringFuture<R> extends Future<R> {
        private final List<Future<?>> children;
        private final Function<List<Object>, R> finish;
        private final boolean returnExceptions;
        private final int nfuts;
        private int nfinished;
        private boolean cancelRequested;

        GatheringFuture(BaseEventLoop loop, List<Future<?>> children, boolean returnExceptions, int nfuts,
                        Function<List<Object>, R> finish) {
            super(loop);
            this.finish = finish;
            this.children = children;
            this.returnExceptions = returnExceptions;
            this.nfuts = nfuts;
        }

        @Override
        public boolean cancel(String msg) {
            if (done()) {
                return false;
            }
            boolean ret = false;
            for (Future<?> child : children) {
                if (child.cancel(msg)) {
                    ret = true;
                }
            }
            if (ret) {
                // Propagate the cancellation whatever returnExceptions says (CPython bpo-32684).
                cancelRequested = true;
            }
            return ret;
        }

        void childDone(Future<?> fut) {
            nfinished++;
            if (done()) {
                fut.retrieveException();
                return;
            }
            if (!returnExceptions) {
                if (fut.cancelled()) {
                    setException(fut.makeCancelledError());
                    return;
                }
                Throwable exc = fut.retrieveException();
                if (exc != null) {
                    setException(exc);
                    return;
                }
            }
            if (nfinished == nfuts) {
                List<Object> results = new ArrayList<>(children.size());
                for (Future<?> child : children) {
                    if (child.cancelled()) {
                        results.add(new CancelledError(child.cancelMessage == null ? "" : child.cancelMessage));
                    } else {
                        Throwable exc = child.retrieveException();
                        results.add(exc != null ? exc : child.result());
                    }
                }
                if (cancelRequested) {
                    // CPython's `for fut in children` above leaves `fut` bound to the last child in argument order:
                    // the CancelledError is that child's, whichever child finished last.
                    setException(children.get(children.size() - 1).makeCancelledError());
                } else {
                    setResult(finish.apply(results));
                }
            }
        }
    }
}
