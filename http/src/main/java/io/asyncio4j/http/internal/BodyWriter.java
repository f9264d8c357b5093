package io.asyncio4j.http.internal;

import io.asyncio4j.http.Compressor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one framed body writer, for both ends: it turns the pieces of a message body into the bytes to send after
 * the head, compressed (through a {@link Compressor}) and framed as the head announced. The client frames its
 * request bodies with it, the server its streamed responses; each end still decides the framing (its head says
 * it) and does the writing and the waiting.
 *
 * <p><b>Framings</b> ({@link Framing}): {@code NONE}, no body at all (a response to HEAD, a 1xx, 204 or 304: every
 * piece is dropped); {@code LENGTH}, exactly {@code Content-Length} bytes (a longer body is cut at its length, as
 * aiohttp cuts it; {@link #shortOfLength()} tells whether it ended early); {@code CHUNKED}, chunked transfer coding
 * (an empty piece writes nothing, since an empty chunk would end the body; {@link #finish()} writes the last
 * chunk); {@code CLOSE}, the bytes as they are, the body ending when the connection closes (HTTP/1.0 without a
 * length). A compressed body has no length known in advance: it is chunked or close-delimited.
 *
 * <p><b>Buffers.</b> The arrays passed in are only read; the arrays returned are new or the very array passed in
 * (when no compression or framing changes it): the caller may keep them but not change the one it gave.
 *
 * <p>Not thread-safe: one writer per body, used on the loop's thread.
 */
public final class BodyWriter {
    /** How the end of a body is told: see the class comment. */
    public enum Framing {
        /** No body: every piece is dropped. */
        NONE,
        /** {@code Content-Length} bytes: the body is cut at its length. */
        LENGTH,
        /** {@code Transfer-Encoding: chunked}. */
        CHUNKED,
        /** The bytes as they are, ended by closing the connection. */
        CLOSE
    }

    private static final byte[] EMPTY = new byte[0];

    private final Framing framing;
    private final long length;
    private final Compressor compressor;
    private long written;
    private boolean finished;

    /**
     * A writer for one body.
     *
     * @param framing    how the body is delimited
     * @param length     the body's length for {@link Framing#LENGTH} (ignored otherwise)
     * @param compressor the compressor of the body's {@code Content-Encoding}, or null
     * @throws IllegalArgumentException for {@code LENGTH} with a negative length or with a compressor
     */
    public BodyWriter(Framing framing, long length, Compressor compressor) {
        this.framing = Objects.requireNonNull(framing, "framing");
        if (framing == Framing.LENGTH && length < 0) {
            throw new IllegalArgumentException("a LENGTH body needs a length >= 0, not " + length);
        }
        if (framing == Framing.LENGTH && compressor != null) {
            throw new IllegalArgumentException("a compressed body has no length known in advance: chunk it or"
                    + " delimit it by closing");
        }
        this.length = framing == Framing.LENGTH ? length : -1;
        this.compressor = framing == Framing.NONE ? null : compressor;
    }

    /** The framing of this body. @return the framing */
    public Framing framing() {
        return framing;
    }

    /**
     * The next piece of the body as bytes to send: compressed, cut at the length, or made a chunk.
     *
     * @param data the piece (only read)
     * @return what to write, possibly empty (nothing to write yet)
     * @throws IllegalStateException after {@link #finish()}
     */
    public byte[] write(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (finished) {
            throw new IllegalStateException("the body is finished");
        }
        if (framing == Framing.NONE) {
            return EMPTY;
        }
        byte[] out = compressor == null ? data : compressor.compress(data);
        if (framing == Framing.LENGTH) {
            long room = length - written;
            if (out.length > room) {
                out = Arrays.copyOf(out, (int) room);
            }
        }
        written += out.length;
        if (framing == Framing.CHUNKED && out.length > 0) {
            return Chunked.frame(out);
        }
        return out;
    }

    /**
     * Ends the body: the compressor's last bytes and, if chunked, the last chunk. Later calls return nothing.
     *
     * @return what to write, possibly empty
     */
    public byte[] finish() {
        if (finished) {
            return EMPTY;
        }
        finished = true;
        if (framing == Framing.NONE) {
            return EMPTY;
        }
        byte[] tail = compressor == null ? EMPTY : compressor.finish();
        written += tail.length;
        if (framing != Framing.CHUNKED) {
            return tail;
        }
        byte[] last = Chunked.lastChunk();
        if (tail.length == 0) {
            return last;
        }
        byte[] chunk = Chunked.frame(tail);
        byte[] out = Arrays.copyOf(chunk, chunk.length + last.length);
        System.arraycopy(last, 0, out, chunk.length, last.length);
        return out;
    }

    /**
     * Whether the body goes out exactly as given (a length or the connection's close delimits it, nothing
     * compresses or frames it), so that its bytes may be sent past this writer ({@link #sentDirectly}).
     *
     * @return true for an uncompressed {@code LENGTH} or {@code CLOSE} body not yet finished
     */
    public boolean passesThrough() {
        return !finished && compressor == null && (framing == Framing.LENGTH || framing == Framing.CLOSE);
    }

    /**
     * Counts {@code n} bytes of the body that were sent without this writer (by sendfile).
     *
     * @param n the bytes sent, {@code >= 0}
     * @throws IllegalStateException unless {@link #passesThrough()}, or if a length would be exceeded
     */
    public void sentDirectly(long n) {
        if (!passesThrough() || n < 0 || (framing == Framing.LENGTH && written + n > length)) {
            throw new IllegalStateException("cannot count " + n + " bytes sent past the writer of this body");
        }
        written += n;
    }

    /** The body's bytes passed on so far, after compression and before chunk framing. @return the count */
    public long written() {
        return written;
    }

    /**
     * Whether a {@code LENGTH} body has fewer bytes than its length: after {@link #finish()}, the peer waits for
     * bytes that will not come, so the connection must close.
     *
     * @return true if the body is shorter than announced
     */
    public boolean shortOfLength() {
        return framing == Framing.LENGTH && written < length;
    }
}
