package io.asyncio4j;

/** Queue.getNowait() on an empty queue. */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An empty queue's {@code getNowait()}, with no message. */
    public QueueEmpty() {
        super();
    }

    /**
     * An empty queue's {@code getNowait()}.
     *
     * @param message the detail message
     */
    public QueueEmpty(String message) {
        super(message);
    }
}
