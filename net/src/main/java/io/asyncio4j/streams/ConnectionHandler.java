package io.asyncio4j.streams;

/**
 * Serves one connection of {@link Streams#startServer}: runs as its own task. When it returns the connection stays
 * open until it is closed (close the writer); if it throws, the error goes to the loop's exception handler and the
 * connection is closed; the server goes on either way.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves the connection, on the loop's thread, in its own task (CPython's {@code client_connected_cb}); await
     * freely. If the task is cancelled, {@link io.asyncio4j.CancelledError} is raised at the current await and the
     * connection is closed.
     *
     * @param reader the connection's reading side
     * @param writer the connection's writing side
     * @throws Exception anything; it goes to the loop's exception handler and the connection is closed
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
