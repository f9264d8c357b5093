package io.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A report a loop owes about an object its program did not use as it should: a failed future whose exception
 * nobody retrieved ({@link UnretrievedException}), a coroutine nobody awaited ({@link NeverAwaited}). CPython makes
 * such a report when the object's last reference goes, at once under reference counting; here it is made to the
 * loop's exception handler at the first of the object's collection and its loop's {@link BaseEventLoop#close()
 * close()}, so that a short program, whose collector may never run, says so too. Each is made once, and not at all
 * if the object is used meanwhile ({@link #settle()}).
 *
 * <p>Thread-safety: watched and settled on the loop's thread; reported on the cleaner's thread or, at the close, on
 * the loop's; a flag set once, atomically, decides which of them acts. The loop keeps the reports it owes in a
 * synchronised set ({@link BaseEventLoop#lateReportAdd}), from which each removes itself.
 */
abstract class LateReport implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "asyncio4j-late-reports");
        t.setDaemon(true);
        return t;
    });

    final BaseEventLoop loop;
    /** Reported, or the object was used: nothing more to do. */
    private final AtomicBoolean settled = new AtomicBoolean();

    LateReport(BaseEventLoop loop) {
        this.loop = loop;
    }

    /** Starts watching {@code object}: the report is made when it is collected or its loop closes. */
    final void watch(Object object) {
        CLEANER.register(object, this);
        loop.lateReportAdd(this);
    }

    /** The object was used after all: nothing to report. */
    final void settle() {
        if (settled.compareAndSet(false, true)) {
            loop.lateReportRemove(this);
        }
    }

    /**
     * The report's context for the loop's exception handler.
     *
     * @param atClose whether the loop is closing (the object may still be reachable), else it was collected
     */
    abstract Map<String, Object> context(boolean atClose);

    /** On the cleaner's thread, once the object is unreachable. */
    @Override
    public final void run() {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        Map<String, Object> context = context(false);
        try {
            loop.callSoonThreadsafe(() -> {
                loop.lateReportRemove(this);
                loop.callExceptionHandler(context);
            });
        } catch (IllegalStateException closed) {
            loop.lateReportRemove(this);
            loop.defaultExceptionHandler(context);
        }
    }

    /** As the loop closes, on its thread: reports unless used or reported already. */
    final void reportAtClose() {
        if (settled.compareAndSet(false, true)) {
            loop.callExceptionHandler(context(true));
        }
    }
}
