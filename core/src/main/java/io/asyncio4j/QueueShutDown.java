package io.asyncio4j;

/** A put or get on a queue that was shut down. */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueShutDown() {
        super();
    }

    public QueueShutDown(String message) {
        super(message);
    }
}
