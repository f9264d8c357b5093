package io.asyncio4j.streams;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.IncompleteReadError;
import io.asyncio4j.LimitOverrunError;
import io.asyncio4j.net.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * CPython's {@code asyncio.StreamReader}: the reading end of a stream connection. Data the transport receives is
 * buffered here; the coroutines take it out. Only one task may wait for data at a time.
 *
 * <p><b>Flow control.</b> When more than twice the limit (64 KiB by default) is buffered, the transport stops
 * reading from the socket, and resumes when the buffer is back under the limit, so a slow reader slows its peer
 * instead of growing memory.
 *
 * <p><b>End and errors.</b> At EOF the reads return what is left (and then empty arrays), {@link #readexactly}
 * throws {@link IncompleteReadError} with the partial bytes; if the connection failed, every read throws that error.
 * Cancelling a waiting read leaves the buffered data in place. Methods are for the loop's thread.
 *
 * <p><b>Whose bytes.</b> An array a read returns is the caller's: the reader never writes it again. {@link #readinto}
 * fills a buffer the caller owns instead, with no array per read; while it waits on an empty reader, a socket
 * transport reads straight into that buffer.
 *
 * <p><b>Lines.</b> A reader is {@link Iterable} over its lines, Python's {@code async for line in reader}:
 *
 * <pre>{@code
 * for (byte[] line : reader) {          // each step awaits readline(): the task suspends until a line comes
 *     writer.write(line);
 * }                                     // ends at EOF
 * }</pre>
 */
public final class StreamReader implements Iterable<byte[]> {
    /** CPython's default limit: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private final int limit;
    private byte[] buf = new byte[256];
    private int start;
    private int end;
    private boolean eof;
    private Future<Void> waiter;
    private Throwable exception;
    private Transport transport;
    private boolean paused;
    /** The buffer of the {@link #readinto} waiting on an empty reader: what arrives goes straight into it. */
    private ByteBuffer into;
    /** How many bytes went into {@link #into} since the wait began. */
    private int intoCount;

    /** A reader with the default limit. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /**
     * A reader with the given limit (CPython's {@code StreamReader(limit=...)}).
     *
     * @param limit the most bytes {@link #readuntil} and {@link #readline} look through, and the flow-control unit
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        this.limit = limit;
    }

    // ---- the protocol's side ----

    /**
     * Lets the reader pause {@code t}'s reading while more than twice its limit is buffered, and resume it when
     * reads bring that down to the limit (what {@code StreamReaderProtocol} does; for protocols of other packages
     * that feed a reader, as the HTTP server does with a request's body). Call once, before feeding.
     *
     * @param t the transport that feeds this reader
     * @throws IllegalStateException if a transport is already set
     */
    public void setTransport(Transport t) {
        if (transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        transport = t;
    }

    /**
     * CPython's {@code feed_data}: adds received data (a copy of it) and wakes the waiting read. For the protocol
     * that feeds the reader, on the loop's thread.
     *
     * @param data the bytes received; an empty array is ignored
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(byte[] data) {
        feed(data, false);
    }

    /**
     * {@link #feedData} for an array that nobody else holds (a transport's fresh copy): into an empty buffer it goes
     * as it is, and a read that takes all of it gets that very array, so a stream that is read as fast as it
     * arrives copies nothing.
     */
    void feedOwned(byte[] data) {
        feed(data, true);
    }

    private void feed(byte[] data, boolean owned) {
        if (eof) {
            throw new IllegalStateException("feed_data after feed_eof");
        }
        if (data.length == 0) {
            return;
        }
        int from = 0;
        ByteBuffer dst = into;
        if (dst != null && size() == 0) { // a readinto is waiting: its buffer first, the rest is buffered
            from = Math.min(data.length, dst.remaining());
            dst.put(data, 0, from);
            intoFilled(from);
        }
        int n = data.length - from;
        if (n > 0 && owned && from == 0 && size() == 0) {
            buf = data;
            start = 0;
            end = data.length;
        } else if (n > 0) {
            ensureRoom(n);
            System.arraycopy(data, from, buf, end, n);
            end += n;
        }
        wakeUpWaiter();
        if (transport != null && !paused && size() > 2 * limit) {
            transport.pauseReading();
            paused = true;
        }
    }

    /**
     * The buffer of a {@link #readinto} that waits on this empty reader, for a transport to read into directly
     * (followed by {@link #lentFilled}); null when there is none, and the bytes are to be fed as an array.
     */
    ByteBuffer lendable() {
        return into != null && size() == 0 && !eof ? into : null;
    }

    /**
     * A transport read {@code n > 0} bytes into the buffer {@link #lendable()} gave (its position already past
     * them): wakes the waiting {@link #readinto}.
     */
    void lentFilled(int n) {
        intoFilled(n);
        wakeUpWaiter();
    }

    private void intoFilled(int n) {
        intoCount += n;
        into = null; // one delivery per wait, as read() gets one array
    }

    /** CPython's {@code feed_eof}: marks the end of the stream and wakes the waiting read. */
    public void feedEof() {
        eof = true;
        wakeUpWaiter();
    }

    /**
     * CPython's {@code set_exception}: makes every read, the waiting one too, throw {@code exc}.
     *
     * @param exc the connection's error
     */
    public void setException(Throwable exc) {
        exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setException(exc);
            }
        }
    }

    /**
     * CPython's {@code exception()}.
     *
     * @return the error set by {@link #setException}, or null
     */
    public Throwable exception() {
        return exception;
    }

    private void wakeUpWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setResult(null);
            }
        }
    }

    // ---- reading ----

    /**
     * CPython's {@code at_eof}.
     *
     * @return whether the stream ended and the buffer is empty
     */
    public boolean atEof() {
        return eof && size() == 0;
    }

    /**
     * Reads up to {@code n} bytes, waiting until at least one is buffered; an empty array at EOF. With {@code n < 0}
     * reads until EOF and returns everything. CPython's {@code read}.
     *
     * @param n the most bytes to read, or a negative number for all until EOF
     * @return a coroutine to await inside a task, giving the bytes
     * @throws IllegalStateException (when awaited) if another task is waiting for data on this reader
     */
    @CheckReturnValue
    public Coro<byte[]> read(int n) {
        return Coro.named("StreamReader.read", () -> {
            throwIfFailed();
            if (n == 0) {
                return new byte[0];
            }
            if (n < 0) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                while (true) {
                    byte[] block = read(limit).await();
                    if (block.length == 0) {
                        return all.toByteArray();
                    }
                    all.writeBytes(block);
                }
            }
            if (size() == 0 && !eof) {
                waitForData("read");
            }
            byte[] data = take(Math.min(n, size()));
            maybeResumeTransport();
            return data;
        });
    }

    /**
     * Reads up to {@code dst.remaining()} bytes into {@code dst}, from its position on, waiting until at least one
     * has arrived; 0 at EOF, or at once if {@code dst} has no room. Python's {@code readinto} of its I/O streams, for
     * a stream: {@link #read} without a new array per read. A buffer used again for every read stays in the CPU's
     * caches, and on a socket connection the transport reads straight into it when this call is waiting on an
     * empty reader, so the bytes are copied once, by the kernel.
     *
     * <pre>{@code
     * ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);   // one per connection, used for every message
     * while (reader.readinto(buf.clear()).await() > 0) {
     *     writer.write(buf.flip());                          // sent, or copied, before write returns
     * }
     * }</pre>
     *
     * <p><b>Whose bytes.</b> The bytes go into {@code dst} from its position, which advances past them; its limit is
     * left alone. From the call until the await returns, the reader may write into {@code dst} at any time between
     * its position and limit: do not touch it meanwhile (the awaiting task cannot, and no other task should). Once the
     * await has returned or thrown, nothing of this reader refers to {@code dst}.
     *
     * <p><b>Cancellation.</b> If the awaiting task is cancelled, bytes that had already gone into {@code dst} are put
     * back at the front of the reader's buffer and {@code dst}'s position is set back: the next read gets them, as
     * with a cancelled {@link #read}. Nothing is lost.
     *
     * @param dst where the bytes go: a writable buffer, heap or direct
     * @return a coroutine to await inside a task, giving how many bytes went into {@code dst}
     * @throws NullPointerException if {@code dst} is null
     * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
     * @throws IllegalStateException (when awaited) if another task is waiting for data on this reader
     */
    @CheckReturnValue
    public Coro<Integer> readinto(ByteBuffer dst) {
        Objects.requireNonNull(dst, "readinto: dst is null");
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        return Coro.named("StreamReader.readinto", () -> {
            throwIfFailed();
            if (!dst.hasRemaining()) {
                return 0;
            }
            if (size() == 0 && !eof) {
                int n = waitInto(dst);
                if (n > 0) {
                    return n;
                }
            }
            int n = Math.min(size(), dst.remaining());
            dst.put(buf, start, n);
            skip(n);
            maybeResumeTransport();
            return n;
        });
    }

    /**
     * Waits for data with {@code dst} lent to the feeders: how many bytes went straight into it (0 if the wake-up
     * was EOF, or data that did not pass through it). A cancelled wait puts those bytes back into the reader.
     */
    private int waitInto(ByteBuffer dst) {
        checkNoWaiter("readinto"); // before lending dst: the waiting task's buffer stays the lent one
        into = dst;
        intoCount = 0;
        boolean woken = false;
        try {
            waitForData("readinto");
            woken = true;
            return intoCount;
        } finally {
            int n = intoCount;
            into = null;
            intoCount = 0;
            if (!woken && n > 0) {
                int p = dst.position() - n;
                byte[] back = new byte[n];
                dst.get(p, back);
                dst.position(p);
                unread(back);
            }
        }
    }

    /** Puts {@code data} back in front of what is buffered (a cancelled {@link #readinto}'s bytes). */
    private void unread(byte[] data) {
        int size = size();
        byte[] joined = new byte[data.length + size];
        System.arraycopy(data, 0, joined, 0, data.length);
        System.arraycopy(buf, start, joined, data.length, size);
        buf = joined;
        start = 0;
        end = joined.length;
    }

    /**
     * Reads a line, up to and including {@code \n}; at EOF, what is left (maybe without {@code \n}, maybe empty).
     * CPython's {@code readline}.
     *
     * @return a coroutine to await inside a task, giving the line
     * @throws LimitOverrunError (when awaited) if no {@code \n} comes within the limit; the over-long data is
     *         dropped, as CPython does (which throws ValueError there)
     */
    @CheckReturnValue
    public Coro<byte[]> readline() {
        return Coro.named("StreamReader.readline", () -> {
            try {
                return readUntil(NEWLINE_ONLY);
            } catch (IncompleteReadError e) {
                return e.partial();
            } catch (LimitOverrunError e) {
                if (startsWith(NEWLINE, e.consumed())) {
                    skip(e.consumed() + NEWLINE.length);
                } else {
                    skip(size());
                }
                maybeResumeTransport();
                throw e;
            }
        });
    }

    /**
     * Iterates over the lines, CPython's {@code StreamReader.__aiter__}/{@code __anext__}: each {@code hasNext()}
     * that has no line in hand awaits {@link #readline()}, so it must be called inside a task on the loop's thread
     * and suspends that task until a line (or EOF) comes; a line keeps its {@code \n}, the last one may lack it.
     * The iteration ends at EOF, when {@code readline()} gives an empty array.
     *
     * <p><b>Errors.</b> What {@code readline()} throws, {@code hasNext()} throws: a {@link LimitOverrunError} for a
     * line over the limit (CPython's {@code __anext__} lets readline's {@code ValueError} out the same way), after
     * which the over-long line is dropped and the iteration may go on with the next line; the connection's error,
     * again on every later call. {@link IllegalStateException} outside a task.
     *
     * <p><b>Cancellation.</b> Cancelling the task while {@code hasNext()} waits throws {@link
     * io.asyncio4j.CancelledError} from it and leaves the buffered data in place for a later read.
     *
     * <p>Every iterator reads from the same buffer: lines one has taken are gone for the others. Use one from one
     * task at a time (a reader has one waiting read at most).
     *
     * @return an iterator over the lines still to come
     */
    @Override
    public Iterator<byte[]> iterator() {
        return new Iterator<>() {
            private byte[] next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    byte[] line = readline().await();
                    if (line.length == 0) {
                        done = true;
                    } else {
                        next = line;
                    }
                }
                return next != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] line = next;
                next = null;
                return line;
            }
        };
    }

    private static final byte[] NEWLINE = {'\n'};
    private static final byte[][] NEWLINE_ONLY = {NEWLINE};

    /**
     * Reads up to and including {@code separator}. CPython's {@code readuntil}.
     *
     * @param separator the bytes that end the chunk; copied
     * @return a coroutine to await inside a task, giving the chunk with the separator
     * @throws IllegalArgumentException if {@code separator} is null or empty
     * @throws IncompleteReadError (when awaited) if the stream ends first: its {@code partial()} is all that was left
     * @throws LimitOverrunError (when awaited) if the separator is not within the limit; the data stays buffered
     */
    @CheckReturnValue
    public Coro<byte[]> readuntil(byte[] separator) {
        if (separator == null || separator.length == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        byte[][] seps = {separator.clone()};
        return Coro.named("StreamReader.readuntil", () -> readUntil(seps));
    }

    /**
     * Reads up to and including the first of several separators to end in the stream: CPython 3.13's
     * {@code readuntil} with a tuple of separators. The chunk returned is the shortest that ends with any of them
     * (so where two end at the same byte, the shorter separator is the one that matched); a separator that starts
     * earlier but ends later loses. For the limit, the match is the shortest separator that ends first: the chunk
     * before it must be within the limit, else {@link LimitOverrunError} with the data left buffered. With one
     * separator this is {@link #readuntil(byte[])}.
     *
     * <pre>{@code
     * byte[] line = reader.readuntil("\r\n".getBytes(US_ASCII), "\n".getBytes(US_ASCII)).await();
     * }</pre>
     *
     * <p>Follows CPython 3.13's {@code test_readuntil_multi_separator}, {@code test_readuntil_multi_separator_limit}
     * and {@code test_readuntil_multi_separator_negative_offset}.
     *
     * @param separators the byte strings that may end the chunk (Python's tuple); copied
     * @return a coroutine to await inside a task, giving the chunk with the separator that ended it
     * @throws IllegalArgumentException if there is no separator, or one is null or empty
     * @throws IncompleteReadError (when awaited) if the stream ends before any separator: its {@code partial()} is
     *         all that was left
     * @throws LimitOverrunError (when awaited) if no separator is within the limit; the data stays buffered
     */
    @CheckReturnValue
    public Coro<byte[]> readuntil(byte[]... separators) {
        if (separators == null || separators.length == 0) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        byte[][] seps = new byte[separators.length][];
        for (int i = 0; i < seps.length; i++) {
            if (separators[i] == null || separators[i].length == 0) {
                throw new IllegalArgumentException("Separator should be at least one-byte string");
            }
            seps[i] = separators[i].clone();
        }
        // The shortest first, so that of two separators ending at the same byte the shorter wins (a stable sort,
        // as CPython's sorted(key=len)).
        Arrays.sort(seps, java.util.Comparator.comparingInt(sep -> sep.length));
        return Coro.named("StreamReader.readuntil", () -> readUntil(seps));
    }

    /** CPython 3.13's {@code readuntil}: {@code seps} sorted by length, the shortest first. */
    private byte[] readUntil(byte[][] seps) {
        int minSeplen = seps[0].length;
        int maxSeplen = seps[seps.length - 1].length;
        throwIfFailed();
        // Bytes before offset hold no separator: the scan resumes there after new data comes.
        int offset = 0;
        int matchStart = -1;
        int matchEnd = -1;
        while (true) {
            int buflen = size();
            if (buflen - offset >= minSeplen) {
                for (byte[] sep : seps) {
                    int isep = indexOf(sep, offset);
                    if (isep != -1 && (matchEnd == -1 || isep + sep.length < matchEnd)) {
                        matchEnd = isep + sep.length;
                        matchStart = isep;
                    }
                }
                if (matchEnd != -1) {
                    break;
                }
                offset = Math.max(0, buflen + 1 - maxSeplen);
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                byte[] chunk = take(size());
                throw new IncompleteReadError(chunk, null);
            }
            waitForData("readuntil");
        }
        if (matchStart > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
        }
        byte[] chunk = take(matchEnd);
        maybeResumeTransport();
        return chunk;
    }

    /**
     * Reads exactly {@code n} bytes. CPython's {@code readexactly}.
     *
     * @param n how many bytes to read
     * @return a coroutine to await inside a task, giving {@code n} bytes
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws IncompleteReadError (when awaited) if the stream ends first, with the bytes that were left
     */
    @CheckReturnValue
    public Coro<byte[]> readexactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        return Coro.named("StreamReader.readexactly", () -> {
            throwIfFailed();
            if (n == 0) {
                return new byte[0];
            }
            while (size() < n) {
                if (eof) {
                    byte[] incomplete = take(size());
                    throw new IncompleteReadError(incomplete, n);
                }
                waitForData("readexactly");
            }
            byte[] data = take(n);
            maybeResumeTransport();
            return data;
        });
    }

    private void throwIfFailed() {
        if (exception != null) {
            throw sneaky(exception);
        }
    }

    private void checkNoWaiter(String func) {
        if (waiter != null) {
            throw new IllegalStateException(func + "() called while another coroutine is already waiting for incoming data");
        }
    }

    private void waitForData(String func) {
        checkNoWaiter(func);
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = Asyncio.getRunningLoop().createFuture();
        waiter = w;
        try {
            w.await();
        } finally {
            if (waiter == w) {
                waiter = null;
            }
        }
    }

    private void maybeResumeTransport() {
        if (paused && size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    // ---- the buffer ----

    /** A copy of what is buffered (for tests and debugging). */
    byte[] peekBuffer() {
        return Arrays.copyOfRange(buf, start, end);
    }

    /** Bytes received and not yet read (for this package's tests and transports). */
    int buffered() {
        return size();
    }

    private int size() {
        return end - start;
    }

    private void ensureRoom(int n) {
        if (end + n <= buf.length) {
            return;
        }
        int size = size();
        if (size + n <= buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, size); // plenty of room once compacted
        } else {
            byte[] bigger = new byte[Math.max(buf.length * 2, size + n)];
            System.arraycopy(buf, start, bigger, 0, size);
            buf = bigger;
        }
        start = 0;
        end = size;
    }

    private byte[] take(int n) {
        byte[] out;
        if (start == 0 && n == buf.length) {
            out = buf; // all of it: the buffer itself is handed over, and nobody else holds it
            buf = EMPTY;
        } else {
            out = Arrays.copyOfRange(buf, start, start + n);
        }
        skip(n);
        return out;
    }

    private static final byte[] EMPTY = {};

    private void skip(int n) {
        start += n;
        if (start == end) {
            start = end = 0;
        }
    }

    private int indexOf(byte[] sep, int from) {
        outer:
        for (int i = start + from, last = end - sep.length; i <= last; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    private boolean startsWith(byte[] sep, int at) {
        if (at + sep.length > size()) {
            return false;
        }
        for (int j = 0; j < sep.length; j++) {
            if (buf[start + at + j] != sep[j]) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<StreamReader");
        if (size() > 0) {
            sb.append(' ').append(size()).append(" bytes");
        }
        if (eof) {
            sb.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            sb.append(" limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(" waiter");
        }
        if (exception != null) {
            sb.append(" exception=").append(exception);
        }
        if (paused) {
            sb.append(" paused");
        }
        return sb.append('>').toString();
    }
}
