package io.asyncio4j;

/** Queue.putNowait() on a full queue. */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueFull() {
        super();
    }

    public QueueFull(String message) {
        super(message);
    }
}
