package io.asyncio4j.http.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The default {@link JsonCodec}: one {@link ObjectMapper} with {@link JavaTimeModule} and
 * {@link SerializationFeature#WRITE_DATES_AS_TIMESTAMPS} off (java.time values as ISO-8601 text). Created through
 * {@link DefaultJsonCodec} only, so that loading it is loading Jackson. Thread-safe: the mapper is configured in the
 * constructor and only used afterwards, which Jackson documents as safe from any thread.
 *
 * <p><b>Lenient where Python is, strict where it is not.</b> aiohttp's {@code await request.json()} gives a dict
 * and the handler takes the keys it wants, so binding ignores fields the type does not have (a missing one is
 * null, 0 or false), and {@code NaN}, {@code Infinity} and {@code -Infinity} are read as Python's {@code json}
 * reads them. Text that is not one JSON value (malformed, empty, or followed by more: Python's "Extra data"), a
 * value of the wrong kind for its field ({@code "abc"} for a number) and a fraction for an integer field (which
 * would lose its fraction without a word) stay errors.
 *
 * <p><b>Messages in JSON terms.</b> A {@link JSONDecodeError}'s message goes to HTTP clients (the server's 400), so
 * it says what is wrong in the terms of the JSON text ({@code expected a number at $.age (line 1, column 9)}),
 * never a Java class or a Jackson setting. A type Jackson cannot bind at all (no constructor it can use) is the
 * program's mistake, not the sender's: it is an {@link IllegalArgumentException} naming the type, not a decode
 * error.
 */
final class JacksonJsonCodec implements JsonCodec {
    /** Where a Jackson parser message turns from JSON terms to Jackson's own (settings, sources, Java types). */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\s*(?:[;:,]?\\s*maybe a \\(non-standard\\)|: enable `|[;:,]?\\s*\\(?not recognized as one since"
                    + "|\\(start marker at|[;:,]?\\s*not allowed as per|\\(bound as|\\n| at \\[Source).*",
            Pattern.DOTALL);

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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

    private static IllegalArgumentException decodeError(Type type, IOException e) {
        if (e instanceof InvalidDefinitionException d) {
            return new IllegalArgumentException("cannot read JSON as " + type.getTypeName() + ": "
                    + d.getOriginalMessage(), e);
        }
        StringBuilder sb = new StringBuilder(problem(e));
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            sb.append(" at ").append(path(m));
        }
        JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
        if (at != null && at.getLineNr() > 0 && at.getColumnNr() > 0) {
            sb.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        }
        return new JSONDecodeError(sb.toString(), e);
    }

    /** What is wrong, in the terms of the JSON text. */
    private static String problem(IOException e) {
        if (e instanceof JsonMappingException && e.getCause() instanceof InputCoercionException c) {
            return problem(c);
        }
        return switch (e) {
            case PropertyBindingException p -> "unexpected field \"" + p.getPropertyName() + "\"";
            case MismatchedInputException m when m.getMessage().startsWith("No content to map") ->
                    "no JSON value (the text is empty)";
            case MismatchedInputException m when m.getMessage().startsWith("Trailing token") ->
                    "extra data after the JSON value";
            case MismatchedInputException m -> "expected " + kind(m.getTargetType());
            case ValueInstantiationException v -> v.getCause() instanceof IllegalArgumentException iae
                    && iae.getMessage() != null ? "invalid value: " + iae.getMessage() : "invalid value";
            case InputCoercionException c -> "number out of range" + range(c.getTargetType());
            case JsonEOFException eof -> "unexpected end of the JSON text";
            case JsonProcessingException p -> {
                String m = INTERNALS.matcher(String.valueOf(p.getOriginalMessage())).replaceFirst("");
                yield m.isBlank() || m.contains("`") || m.contains("java.") || m.contains("jackson")
                        ? "not valid JSON" : Character.toLowerCase(m.charAt(0)) + m.substring(1);
            }
            default -> "not valid JSON";
        };
    }

    /** The kind of JSON value {@code c} is read from, as a sender would name it. */
    static String kind(Class<?> c) {
        if (c == null) {
            return "another kind of value";
        }
        if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class
                || c == Long.class || c == Short.class || c == Byte.class || c == java.math.BigInteger.class) {
            return "an integer";
        }
        if (c.isPrimitive()) {
            return c == boolean.class ? "true or false" : c == char.class ? "a string" : "a number";
        }
        if (Number.class.isAssignableFrom(c)) {
            return "a number";
        }
        if (c == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(c) || c == Character.class || c == java.util.UUID.class) {
            return "a string";
        }
        if (c.isEnum()) {
            return "one of " + Arrays.stream(c.getEnumConstants()).map(x -> "\"" + ((Enum<?>) x).name() + "\"")
                    .collect(Collectors.joining(", "));
        }
        if (c.getName().startsWith("java.time.")) {
            return "an ISO-8601 date or time";
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c)) {
            return "an array";
        }
        if (c == Object.class) {
            return "a JSON value";
        }
        return Map.class.isAssignableFrom(c) || !c.getName().startsWith("java.") ? "an object"
                : "another kind of value";
    }

    /** The range of an integer type, as {@code " (-128 to 127)"}; empty for others. */
    private static String range(Class<?> c) {
        if (c == int.class || c == Integer.class) {
            return " (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
        }
        if (c == long.class || c == Long.class) {
            return " (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")";
        }
        if (c == short.class || c == Short.class) {
            return " (" + Short.MIN_VALUE + " to " + Short.MAX_VALUE + ")";
        }
        if (c == byte.class || c == Byte.class) {
            return " (" + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE + ")";
        }
        return "";
    }

    /** Where, as a JSONPath from the root: {@code $.items[2].name}, {@code $["a b"]}. */
    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : m.getPath()) {
            String name = r.getFieldName();
            if (name == null) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (!name.isEmpty() && name.chars().allMatch(ch -> ch == '_' || ch < 128
                    && Character.isLetterOrDigit(ch)) && !Character.isDigit(name.charAt(0))) {
                sb.append('.').append(name);
            } else {
                sb.append("[\"").append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            }
        }
        return sb.toString();
    }
}
