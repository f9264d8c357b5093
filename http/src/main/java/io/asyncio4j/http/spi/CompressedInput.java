package io.asyncio4j.http.spi;

import java.util.ArrayDeque;

/**
 * The compressed bytes a {@link ContentCodingProvider.Decoder} was fed and has not consumed yet: a queue of arrays,
 * the first of them (the current array) partly consumed. The built-in gzip/deflate decoder and asyncio4j-brotli's
 * decoder keep their input in one; a provider's decoder may too.
 *
 * <p>The arrays belong to the queue once added: whoever feeds an array gives it up and does not change it
 * afterwards; the decoder reads the current array in place ({@link #array()} from {@link #offset()} on) and says how
 * much it used ({@link #consume(int)}, {@link #unread(int)}).
 *
 * <p>Not thread-safe: one decoder uses it, on one thread at a time.
 */
public final class CompressedInput {
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private byte[] array = new byte[0];
    private int offset;

    /** An empty input. */
    public CompressedInput() {
    }

    /**
     * Queues {@code data} behind what is already here; an empty array is ignored.
     *
     * @param data compressed bytes, given up by the caller
     * @throws NullPointerException if {@code data} is null
     */
    public void add(byte[] data) {
        if (data.length > 0) {
            queue.add(data);
        }
    }

    /**
     * Makes the current array hold unconsumed bytes, taking the next queued array when the current one is used up.
     *
     * @return true if there are unconsumed bytes, false if everything fed so far was consumed
     */
    public boolean available() {
        while (offset == array.length) {
            byte[] next = queue.poll();
            if (next == null) {
                return false;
            }
            array = next;
            offset = 0;
        }
        return true;
    }

    /**
     * {@return the current array, read in place from {@link #offset()} on; valid until the next call of
     * {@link #available()}, {@link #next()} or {@link #clear()}}
     */
    public byte[] array() {
        return array;
    }

    /** {@return the first unconsumed index of the current array} */
    public int offset() {
        return offset;
    }

    /** {@return the unconsumed bytes in the current array (not counting the queued arrays)} */
    public int remaining() {
        return array.length - offset;
    }

    /**
     * Marks {@code n} bytes of the current array, from {@link #offset()} on, as consumed.
     *
     * @param n how many bytes the decoder used
     * @throws IndexOutOfBoundsException unless {@code 0 <= n <= remaining()}
     */
    public void consume(int n) {
        if (n < 0 || n > remaining()) {
            throw new IndexOutOfBoundsException("consume " + n + " of " + remaining() + " remaining bytes");
        }
        offset += n;
    }

    /**
     * Gives back the last {@code n} consumed bytes of the current array: a codec that was handed more than it used
     * (an inflater that finished before the end of its input) returns the rest.
     *
     * @param n how many bytes to give back
     * @throws IndexOutOfBoundsException unless {@code 0 <= n <= offset()}
     */
    public void unread(int n) {
        if (n < 0 || n > offset) {
            throw new IndexOutOfBoundsException("unread " + n + " of " + offset + " consumed bytes");
        }
        offset -= n;
    }

    /**
     * Consumes one byte.
     *
     * @return the next unconsumed byte
     * @throws IllegalStateException if there is none ({@link #available()} is false)
     */
    public byte next() {
        if (!available()) {
            throw new IllegalStateException("no compressed input left");
        }
        return array[offset++];
    }

    /** Drops everything: the current array and the queued ones. */
    public void clear() {
        queue.clear();
        array = new byte[0];
        offset = 0;
    }
}
