package io.asyncio4j;

/** Queue.getNowait() on an empty queue. */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueEmpty() {
        super();
    }

    public QueueEmpty(String message) {
        super(message);
    }
}
