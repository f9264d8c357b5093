package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The transport side of write flow control: CPython's {@code _FlowControlMixin} (Lib/asyncio/transports.py),
 * shared by every {@link Transport} of this library that buffers writes. The transport owns one instance, calls
 * {@link #maybePauseProtocol()} after its buffer grows and {@link #maybeResumeProtocol()} after it shrinks, and
 * forwards {@link Transport#setWriteBufferLimits} to {@link #setLimits}. The buffer's size and the protocol to
 * call are read from the transport each time ({@link Transport#getWriteBufferSize()},
 * {@link Transport#getProtocol()}), so a protocol replaced by {@code setProtocol} is the one resumed.
 *
 * <p>The protocol's {@link BaseProtocol#pauseWriting()} is called once when the buffer goes above the high water
 * mark, and {@link BaseProtocol#resumeWriting()} once when it then drains to the low water mark or below. An
 * exception thrown by either goes to the loop's exception handler with CPython's message
 * ({@code "protocol.pause_writing() failed"}, {@code "protocol.resume_writing() failed"}) and the transport
 * goes on. Not to be confused with {@code io.asyncio4j.streams.FlowControl}, the protocol side that makes
 * {@code drain()} wait between those two calls.
 *
 * <p>Public only because transports of the {@code io.asyncio4j.streams} package use it; it is not part of the
 * library's API and may change without notice. Not thread-safe: every method is for the loop's thread.
 */
public final class WriteFlowControl {
    /** The default high water mark, 64 KiB; the default low water mark is a quarter of the high one. */
    public static final int DEFAULT_HIGH_WATER = 64 * 1024;

    private final EventLoop loop;
    private final Transport transport;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_HIGH_WATER / 4;
    private boolean protocolPaused;

    /**
     * Creates the flow control of {@code transport}, with the default water marks and the protocol not paused.
     *
     * @param loop the loop whose exception handler gets the protocol's errors
     * @param transport the transport whose buffer size and protocol are read
     */
    public WriteFlowControl(EventLoop loop, Transport transport) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * CPython's {@code set_write_buffer_limits(high, low)}: sets the water marks, then pauses the protocol if the
     * buffer is already above the new high mark.
     *
     * @param high the high water mark, in bytes
     * @param low the low water mark, in bytes
     * @throws IllegalArgumentException unless {@code high >= low >= 0}, with CPython's message
     */
    public void setLimits(int high, int low) {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        highWater = high;
        lowWater = low;
        maybePauseProtocol();
    }

    /**
     * The high water mark, in bytes.
     *
     * @return the high water mark
     */
    public int highWater() {
        return highWater;
    }

    /**
     * The low water mark, in bytes.
     *
     * @return the low water mark
     */
    public int lowWater() {
        return lowWater;
    }

    /**
     * Whether the protocol was told to pause and not yet to resume.
     *
     * @return whether the protocol is paused
     */
    public boolean isProtocolPaused() {
        return protocolPaused;
    }

    /** CPython's {@code _maybe_pause_protocol}: pauses the protocol if the buffer is above the high water mark. */
    public void maybePauseProtocol() {
        if (transport.getWriteBufferSize() <= highWater || protocolPaused) {
            return;
        }
        protocolPaused = true;
        BaseProtocol protocol = transport.getProtocol();
        try {
            protocol.pauseWriting();
        } catch (Exception e) {
            report("protocol.pause_writing() failed", e, protocol);
        }
    }

    /**
     * CPython's {@code _maybe_resume_protocol}: resumes a paused protocol if the buffer is at or below the low
     * water mark.
     */
    public void maybeResumeProtocol() {
        if (!protocolPaused || transport.getWriteBufferSize() > lowWater) {
            return;
        }
        protocolPaused = false;
        BaseProtocol protocol = transport.getProtocol();
        try {
            protocol.resumeWriting();
        } catch (Exception e) {
            report("protocol.resume_writing() failed", e, protocol);
        }
    }

    private void report(String message, Exception e, BaseProtocol protocol) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("message", message);
        ctx.put("exception", e);
        ctx.put("transport", transport);
        ctx.put("protocol", protocol);
        loop.callExceptionHandler(ctx);
    }
}
