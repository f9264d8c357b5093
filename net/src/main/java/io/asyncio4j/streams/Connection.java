package io.asyncio4j.streams;

/**
 * The two ends of a stream connection, from {@link Streams#openConnection} (CPython's {@code (reader, writer)}
 * pair).
 *
 * @param reader the reading side
 * @param writer the writing side; closing it closes the connection
 */
public record Connection(StreamReader reader, StreamWriter writer) {
}
