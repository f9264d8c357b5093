package io.asyncio4j.http.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * The default {@link JsonCodec}: one {@link ObjectMapper} with {@link JavaTimeModule} and
 * {@link SerializationFeature#WRITE_DATES_AS_TIMESTAMPS} off (java.time values as ISO-8601 text). Created through
 * {@link DefaultJsonCodec} only, so that loading it is loading Jackson. Thread-safe: the mapper is configured in the
 * constructor and only used afterwards, which Jackson documents as safe from any thread.
 */
final class JacksonJsonCodec implements JsonCodec {
    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Override
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw encodeError(value, e);
        }
    }

    @Override
    public String encodeToString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw encodeError(value, e);
        }
    }

    @Override
    public <T> T decode(byte[] json, Type type) {
        JavaType t = mapper.constructType(type);
        try {
            return mapper.readValue(json, t);
        } catch (IOException e) {
            throw decodeError(type, e);
        }
    }

    @Override
    public <T> T decode(String json, Type type) {
        JavaType t = mapper.constructType(type);
        try {
            return mapper.readValue(json, t);
        } catch (IOException e) {
            throw decodeError(type, e);
        }
    }

    private static IllegalArgumentException encodeError(Object value, JsonProcessingException e) {
        return new IllegalArgumentException("cannot serialise " + value.getClass().getName() + " to JSON: "
                + e.getOriginalMessage(), e);
    }

    private static JSONDecodeError decodeError(Type type, IOException e) {
        StringBuilder sb = new StringBuilder("invalid JSON for ").append(type.getTypeName()).append(": ");
        if (e instanceof JsonProcessingException p) {
            sb.append(p.getOriginalMessage());
            JsonLocation at = p.getLocation();
            if (at != null && at.getLineNr() > 0) {
                sb.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
            }
        } else {
            sb.append(e.getMessage());
        }
        return new JSONDecodeError(sb.toString(), e);
    }
}
