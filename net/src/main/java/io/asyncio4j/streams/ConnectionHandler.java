package io.asyncio4j.streams;

/**
 * Serves one connection of {@link Streams#startServer}: runs as its own task. When it returns the connection stays
 * open until it is closed (close the writer); if it throws, the error goes to the loop's exception handler and the
 * connection is closed; the server goes on either way.
 */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
