package io.asyncio4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The loop's I/O readiness part, CPython's {@code selector_events.py}: a {@link Selector} (opened on first use), a
 * reader and a writer handle per channel, and the selection step that queues the handles of ready channels on the
 * loop's ready queue (CPython's {@code _process_events}).
 *
 * <p>Guarantees: a channel has at most one reader and one writer; a new one cancels the one it replaces (CPython's
 * {@code _add_reader}). A ready channel's reader is queued before its writer. A watched channel stays registered
 * (interest 0) when its watches are removed, until it closes; a channel closed while watched is let go of by the
 * selector at its next select, which {@link #flushDeregistrations()} forces when nothing else would select (a
 * closed listening socket then stops being bound).
 *
 * <p>Threads: everything but {@link #wakeup()} runs on the thread that owns the loop (its thread, or the task it is
 * stepping); {@link #wakeup()} may be called from any thread. Whether the loop is asleep, and so needs waking, is
 * the loop's business: this class only selects.
 */
final class SelectorIo {
    /** Readiness is polled at most this often while callbacks are ready; see {@link #pollIfDue()}. */
    private static final long IDLE_POLL_INTERVAL_NANOS = 20_000;

    /** The loop's ready queue, where the handles of ready channels go. */
    private final ArrayDeque<Handle> ready;
    private final Consumer<SelectionKey> processSelected = this::processSelected;
    private Selector selector;
    /** Channels with a reader or a writer: while any, the loop waits on the selector (and virtual time waits too). */
    private int watchers;
    /** When the selector was last polled; see {@link #pollIfDue()}. */
    private long lastPollNanos;
    /** A watched channel was closed: its key is deregistered (and a server socket unbound) at the next select. */
    private boolean deregisterPending;

    SelectorIo(ArrayDeque<Handle> ready) {
        this.ready = ready;
    }

    /** The reader and writer callbacks of one channel, attached to its selection key. */
    private static final class IoWatch {
        Handle reader;
        Handle writer;
    }

    /** Whether any channel has a reader or a writer (then the loop's waits are selects). */
    boolean watching() {
        return selector != null && watchers > 0;
    }

    /** The selector, opened on first use; channels registered on it are polled every iteration. */
    private Selector selector() {
        Selector s = selector;
        if (s == null) {
            try {
                s = selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }

    /** Sets the reader ({@code read}) or the writer of {@code ch} to {@code cb}, replacing (cancelling) the old one. */
    void watch(SelectableChannel ch, Runnable cb, boolean read) {
        Selector sel = selector();
        SelectionKey key = ch.keyFor(sel);
        IoWatch w;
        if (key == null) {
            w = new IoWatch();
            try {
                ch.configureBlocking(false);
                key = ch.register(sel, 0, w);
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("cannot watch a closed channel: " + ch, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + ch + " non-blocking", e);
            }
        } else if (!key.isValid()) {
            throw new IllegalStateException("cannot watch a closed channel: " + ch);
        } else {
            w = (IoWatch) key.attachment();
        }
        if (w.reader == null && w.writer == null) {
            watchers++;
        }
        // CPython's reader and writer handles keep the context current at add_reader/add_writer for every run.
        Handle h = new Handle(cb, Context.copyContext());
        if (read) {
            if (w.reader != null) {
                w.reader.cancel();
            }
            w.reader = h;
        } else {
            if (w.writer != null) {
                w.writer.cancel();
            }
            w.writer = h;
        }
        key.interestOps(interest(ch, w));
    }

    /** Removes and cancels the reader ({@code read}) or the writer of {@code ch}; whether there was one. */
    boolean unwatch(SelectableChannel ch, boolean read) {
        Selector sel = selector;
        SelectionKey key = sel == null || ch == null ? null : ch.keyFor(sel);
        if (key == null || !(key.attachment() instanceof IoWatch w)) {
            return false;
        }
        Handle h = read ? w.reader : w.writer;
        if (h == null) {
            return false;
        }
        h.cancel();
        if (read) {
            w.reader = null;
        } else {
            w.writer = null;
        }
        if (w.reader == null && w.writer == null) {
            watchers--;
        }
        if (key.isValid()) {
            // The key stays registered (interest 0) until the channel closes: re-registering a cancelled key
            // before the next select would fail.
            key.interestOps(interest(ch, w));
        } else {
            deregisterPending = true; // closed: its socket is let go of at the selector's next select
        }
        return true;
    }

    /** Readable means acceptable for a server channel; writable means connectable while a connect is pending. */
    private static int interest(SelectableChannel ch, IoWatch w) {
        int ops = 0;
        if (w.reader != null) {
            ops |= ch instanceof ServerSocketChannel ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
        }
        if (w.writer != null) {
            ops |= ch instanceof SocketChannel sc && sc.isConnectionPending()
                    ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        }
        return ops & ch.validOps();
    }

    /**
     * With no channel watched, nothing else would select: a channel closed while watched keeps its socket (a
     * listening one stays bound) until the selector lets go of it, so select now.
     */
    void flushDeregistrations() {
        if (deregisterPending && selector != null && !watching()) {
            deregisterPending = false;
            selectNow();
        }
    }

    /**
     * The loop has callbacks ready. CPython polls without waiting on every iteration then. A poll is a system call
     * and the JDK's selector bookkeeping (a few microseconds), so when iterations come faster than
     * IDLE_POLL_INTERVAL apart the poll is left to a later one: I/O is then seen a few microseconds later, which no
     * program can tell from the data arriving later.
     */
    void pollIfDue() {
        if (watching() && System.nanoTime() - lastPollNanos >= IDLE_POLL_INTERVAL_NANOS) {
            selectNow();
        }
    }

    /** Queues the handles of the channels ready now, without waiting. */
    void selectNow() {
        try {
            lastPollNanos = System.nanoTime();
            selector.selectNow(processSelected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a watched channel is ready, {@link #wakeup()} is called or {@code timeout} seconds have passed
     * ({@code < 0}: no limit; otherwise at least a millisecond), and queues the handles of the ready channels.
     */
    void select(double timeout) {
        try {
            lastPollNanos = System.nanoTime();
            if (timeout < 0) {
                selector.select(processSelected);
            } else {
                selector.select(processSelected, Math.max(1, (long) Math.ceil(timeout * 1000)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From any thread: ends a {@link #select(double)} under way, or makes the next one return at once. */
    void wakeup() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    /** CPython's {@code _process_events}: queues the reader and writer of a ready channel. */
    private void processSelected(SelectionKey key) {
        if (!(key.attachment() instanceof IoWatch w) || !key.isValid()) {
            return;
        }
        int ops = key.readyOps();
        if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && w.reader != null) {
            if (w.reader.cancelled) {
                unwatch(key.channel(), true);
            } else {
                ready.add(w.reader);
            }
        }
        if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && w.writer != null) {
            if (w.writer.cancelled) {
                unwatch(key.channel(), false);
            } else {
                ready.add(w.writer);
            }
        }
    }

    /** Closes the selector (the loop is closing); a failure is logged. */
    void close() {
        Selector s = selector;
        selector = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                ErrorReporting.log(Level.WARNING, "closing the loop's selector failed", e);
            }
        }
    }
}
