package io.asyncio4j;

/** The stream ended before the expected number of bytes (or separator) was read; {@link #partial()} holds what was. */
public class IncompleteReadError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The bytes read before the end; never handed out without a copy. */
    private final byte[] partial;
    /** The number of bytes wanted, or {@code null}. */
    private final Integer expected;

    /**
     * The stream ended early (CPython's {@code asyncio.IncompleteReadError}).
     *
     * @param partial the bytes read before the end; copied
     * @param expected the number of bytes wanted, or {@code null} when reading up to a separator
     */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected) + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /**
     * The bytes read before the end of the stream.
     *
     * @return a copy of the bytes read before the end of the stream
     */
    public byte[] partial() {
        return partial.clone();
    }

    /**
     * The number of bytes that were wanted.
     *
     * @return the number of bytes that were wanted, or {@code null} if the read was up to a separator
     */
    public Integer expected() {
        return expected;
    }
}
