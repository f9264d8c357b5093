package io.asyncio4j;

/** A Barrier was aborted or reset while parties waited on it. */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierError() {
        super();
    }

    public BrokenBarrierError(String message) {
        super(message);
    }
}
