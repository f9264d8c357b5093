package io.asyncio4j.http.brotli;

import java.util.ArrayDeque;

/**
 * (A copy of {@code asyncio4j-http}'s package-private class of the same name.) The compressed bytes a {@link BrotliDecoder} was fed and has not consumed yet: a queue of arrays, the first of
 * them partly consumed. The arrays are the queue's (their feeders gave them up). Not thread-safe.
 */
final class CompressedInput {
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /** The current array and its first unconsumed index. */
    byte[] array = new byte[0];
    int offset;

    void add(byte[] data) {
        if (data.length > 0) {
            queue.add(data);
        }
    }

    /**
     * Makes {@link #array} hold unconsumed bytes from {@link #offset} on, taking the next queued array if needed;
     * false if there is none.
     */
    boolean available() {
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

    /** Unconsumed bytes in the current array. */
    int remaining() {
        return array.length - offset;
    }

    /** Drops everything. */
    void clear() {
        queue.clear();
        array = new byte[0];
        offset = 0;
    }
}
