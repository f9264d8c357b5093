package io.asyncio4j;

/** Queue.putNowait() on a full queue. */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A full queue's {@code putNowait()}, with no message. */
    public QueueFull() {
        super();
    }

    /**
     * A full queue's {@code putNowait()}.
     *
     * @param message the detail message
     */
    public QueueFull(String message) {
        super(message);
    }
}
