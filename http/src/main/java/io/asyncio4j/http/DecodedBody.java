package io.asyncio4j.http;

import io.asyncio4j.EventLoop;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.ReadTransport;
import io.asyncio4j.net.Transport;
import io.asyncio4j.streams.StreamReader;
import java.util.function.Consumer;

/**
 * A compressed response body on its way from the socket to its exchange's {@link StreamReader}, decoded only as
 * fast as the reader takes it: the answer to decompression bombs.
 *
 * <p><b>Flow control.</b> The reader's own water marks decide, as for a plain body: this object is the transport the
 * reader pauses and resumes ({@link StreamReader#setTransport}). Compressed pieces are queued in the
 * {@link ContentDecoder} by {@link #feed} and decoded {@value #PIECE} bytes at a time into the reader until the
 * reader pauses (more than twice its limit buffered) or the decoder needs input. While the reader is paused or the
 * decoder still holds input, the socket is paused too; when the reader drains to its limit it resumes this
 * transport, and decoding goes on (in a callback of the loop, never inside the reader's call). So the reader holds
 * at most twice its limit plus one piece, and the decoder at most one socket read of compressed bytes, whatever
 * the body expands to. There is no limit on the total here: {@link ClientResponse#read()} sets one.
 *
 * <p><b>End.</b> {@link #end()} says all compressed bytes arrived; once they are decoded the decoder's
 * {@link ContentDecoder#finish()} checks the stream's end and the reader gets its EOF. From {@link #detach()} on
 * (the connection went back to the pool) the socket is no longer this body's: decoding goes on from the queued
 * bytes without touching it. A decoding error goes to the error handler given at construction (once) and frees the
 * decoder; {@link #discard()} frees it without one.
 *
 * <p><b>Threads.</b> The loop's thread only; not thread-safe.
 */
final class DecodedBody extends ReadTransport {
    /** The most bytes decoded in one go: the reader's overshoot above its high-water mark. */
    static final int PIECE = 16 * 1024;

    private final EventLoop loop;
    private final ContentDecoder decoder;
    private final StreamReader reader;
    private final Consumer<ClientPayloadError> onError;
    /** The connection's transport while it carries this body, else null. */
    private Transport socket;
    /** The reader asked for a pause: it holds more than twice its limit. */
    private boolean readerPaused;
    /** The last decode returned less than a piece: the decoder needs input. */
    private boolean starved = true;
    /** All compressed bytes arrived. */
    private boolean ended;
    /** Finished, failed or discarded: nothing more happens. */
    private boolean done;
    private boolean pumpScheduled;
    private long decoded;

    DecodedBody(EventLoop loop, ContentDecoder decoder, StreamReader reader, Transport socket,
                Consumer<ClientPayloadError> onError) {
        this.loop = loop;
        this.decoder = decoder;
        this.reader = reader;
        this.socket = socket;
        this.onError = onError;
        reader.setTransport(this);
    }

    /** The {@code Content-Encoding} being decoded. */
    String encoding() {
        return decoder.encoding();
    }

    /** Decoded bytes handed to the reader so far. */
    long decoded() {
        return decoded;
    }

    /** Whether the body is over: decoded to its end, failed or discarded. */
    boolean done() {
        return done;
    }

    /** A piece of the compressed body arrived (the array becomes the decoder's); decodes what the reader has room for. */
    void feed(byte[] compressed) {
        if (!done) {
            decoder.feed(compressed);
            starved = false;
            pump();
        }
    }

    /** All compressed bytes arrived: the reader gets its EOF once they are decoded. */
    void end() {
        ended = true;
        pump();
    }

    /** The connection no longer carries this body (it went back to the pool): the socket is left alone from now on. */
    void detach() {
        socket = null;
    }

    /** Frees the decoder; the reader gets nothing more. Returns whether the body was still under way. */
    boolean discard() {
        socket = null;
        if (done) {
            return false;
        }
        done = true;
        decoder.close();
        return true;
    }

    private void pump() {
        pumpScheduled = false;
        if (done) {
            return;
        }
        try {
            while (!readerPaused && !starved) {
                byte[] out = decoder.decode(PIECE);
                starved = out.length < PIECE;
                if (out.length > 0) {
                    decoded += out.length;
                    reader.feedData(out);       // may pause us
                }
            }
            if (starved && ended) {
                done = true;
                socket = null;
                decoder.finish();
                reader.feedEof();
                return;
            }
        } catch (ClientPayloadError e) {
            done = true;
            socket = null;
            decoder.close();
            onError.accept(e);
            return;
        }
        Transport s = socket;
        if (s != null && !s.isClosing()) {
            if (starved && !readerPaused) {
                s.resumeReading();
            } else {
                s.pauseReading();
            }
        }
    }

    // ---- the transport the reader sees: only its reading switch is real ----

    @Override
    public void pauseReading() {
        readerPaused = true;
    }

    /** The reader drained to its limit: decoding goes on in a callback (the reader is in the middle of a call). */
    @Override
    public void resumeReading() {
        readerPaused = false;
        if (!pumpScheduled && !done) {
            pumpScheduled = true;
            loop.callSoon(this::pump);
        }
    }

    @Override
    public boolean isReading() {
        return !readerPaused && !done;
    }

    @Override
    public boolean isClosing() {
        return done;
    }

    @Override
    public void close() {
        discard();
    }

    @Override
    public void abort() {
        discard();
    }

    @Override
    public Object getExtraInfo(String name) {
        return null;
    }

    @Override
    public BaseProtocol getProtocol() {
        return null;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        throw new UnsupportedOperationException("a decoded body feeds its StreamReader, not a protocol");
    }

    @Override
    public String toString() {
        return "<DecodedBody " + decoder.encoding() + " decoded=" + decoded + (readerPaused ? " paused" : "")
                + (ended ? " ended" : "") + (done ? " done" : "") + ">";
    }
}
