package io.asyncio4j.streams;

/** The two ends of a stream connection, from {@link Streams#openConnection}. */
public record Connection(StreamReader reader, StreamWriter writer) {
}
