package io.asyncio4j.net;

/**
 * CPython's {@code asyncio.ReadTransport}: a transport that only receives, such as the read end of a child's pipe or
 * a decoded body between a socket and its reader. It has no write side: the writing methods throw
 * {@link UnsupportedOperationException}, {@link #canWriteEof()} is false and the write buffer is always empty.
 * Subclasses give the reading switch ({@link #pauseReading()}, {@link #resumeReading()}, {@link #isReading()}),
 * closing, and what they are for.
 *
 * <p><b>Threads.</b> As every transport: the loop's thread only.
 */
public abstract class ReadTransport implements Transport {
    /** For subclasses. */
    protected ReadTransport() {
    }

    /** @throws UnsupportedOperationException always: a read transport has no write side */
    @Override
    public final void write(byte[] data) {
        throw readOnly();
    }

    /** @throws UnsupportedOperationException always: a read transport has no write side */
    @Override
    public final void writeEof() {
        throw readOnly();
    }

    /** @return false: a read transport has no write side */
    @Override
    public final boolean canWriteEof() {
        return false;
    }

    /** @throws UnsupportedOperationException always: a read transport has no write buffer */
    @Override
    public final void setWriteBufferLimits(int high, int low) {
        throw readOnly();
    }

    /** @return 0: a read transport has no write buffer */
    @Override
    public final int getWriteBufferSize() {
        return 0;
    }

    private UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException(this + " only reads");
    }
}
