package io.asyncio4j.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The client's Jackson mapper (thread-safe once configured). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
