package io.asyncio4j;

/** A put or get on a queue that was shut down. */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A put or get on a shut-down queue, with no message. */
    public QueueShutDown() {
        super();
    }

    /**
     * A put or get on a shut-down queue.
     *
     * @param message the detail message
     */
    public QueueShutDown(String message) {
        super(message);
    }
}
