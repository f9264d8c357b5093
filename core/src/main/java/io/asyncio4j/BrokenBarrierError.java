package io.asyncio4j;

/** A Barrier was aborted or reset while parties waited on it. */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A broken or reset barrier, with no message. */
    public BrokenBarrierError() {
        super();
    }

    /**
     * A broken or reset barrier.
     *
     * @param message the detail message
     */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
