package io.asyncio4j.http.json;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * JSON for the client, the server and WebSockets: aiohttp's {@code json_serialize=} ({@code ClientSession}),
 * {@code dumps=} ({@code web.json_response}) and {@code loads=} ({@code resp.json()}, {@code request.json()},
 * {@code ws.receive_json()}) as one object. Set one with
 * {@link io.asyncio4j.http.ClientSession.Builder#jsonCodec(JsonCodec)} (request {@code json} bodies, {@link io.asyncio4j.http.ClientResponse#json(Type)}, the session's WebSockets) or
 * {@link io.asyncio4j.http.web.Application#jsonCodec(JsonCodec)} (the application's {@code request.json()},
 * {@link io.asyncio4j.http.web.Response#json(Object, JsonCodec)} given {@code request.app().jsonCodec()}, and its
 * {@code WebSocketResponse}s); everything else uses {@link #defaultCodec()}.
 *
 * <p><b>The default.</b> {@link #defaultCodec()} is Jackson's {@code ObjectMapper} with the {@code java.time}
 * module registered and dates written as text (reading is lenient where Python's dict is: fields the type lacks
 * are ignored; see {@link #decode(byte[], Type)} for what stays an error): an {@code Instant} becomes {@code "2024-05-01T12:00:00Z"} and a
 * {@code LocalDate} {@code "2024-05-01"} (ISO-8601, what Python's {@code json.dumps} of {@code isoformat()} gives),
 * not a number; records, beans, maps, lists, strings, numbers, booleans and null as Jackson writes them. No Jackson
 * class is loaded until the default codec first encodes or decodes: a program that never uses JSON pays nothing
 * for it.
 *
 * <p><b>Your own.</b> Implement the two abstract methods, for instance over a configured Jackson mapper:
 * <pre>{@code
 * ObjectMapper mapper = JsonMapper.builder().findAndAddModules()
 *         .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
 * JsonCodec snake = new JsonCodec() {
 *     public byte[] encode(Object value) {
 *         try {
 *             return mapper.writeValueAsBytes(value);
 *         } catch (JsonProcessingException e) {
 *             throw new IllegalArgumentException("cannot serialise to JSON: " + e.getOriginalMessage(), e);
 *         }
 *     }
 *     public <T> T decode(byte[] json, Type type) {
 *         try {
 *             return mapper.readValue(json, mapper.constructType(type));
 *         } catch (IOException e) {
 *             // the message reaches HTTP clients (a 400): JSON terms, no Java names
 *             throw new JSONDecodeError("not valid JSON for this endpoint", e);
 *         }
 *     }
 * };
 * try (ClientSession session = ClientSession.builder().jsonCodec(snake).build()) { ... }
 * }</pre>
 *
 * <p><b>Threads.</b> An implementation must be thread-safe: one codec may be shared by many sessions and
 * applications, and an application served by several workers ({@code Web.start(factory, host, port, workers)}) or
 * sessions on several loops call it from several threads at once. It is called synchronously on the thread of the
 * loop that runs the request, handler or WebSocket (the task's thread), so it must not block: it holds up every
 * other task of that loop while it runs. The default codec is thread-safe and does not block.
 *
 * <p><b>Arrays.</b> The array {@link #encode} returns is the caller's to keep (it is sent as is, not copied); the
 * array {@link #decode(byte[], Type)} is given is the caller's and must not be kept or changed.
 */
public interface JsonCodec {

    /**
     * {@code value} as UTF-8 JSON text (Python's {@code json.dumps(value).encode()}).
     *
     * @param value what to serialise (null gives {@code null})
     * @return the JSON text in UTF-8, a new array
     * @throws IllegalArgumentException if {@code value} cannot be serialised (Python's {@code TypeError}), with a
     *                                  message naming the type and the problem
     */
    byte[] encode(Object value);

    /**
     * The JSON text {@code json} (UTF-8; Jackson also detects UTF-16 and UTF-32) read as {@code type}: a class
     * ({@code Item.class}, {@code Map.class}, {@code Object.class} for maps, lists, strings, numbers, booleans and
     * null), or a generic type ({@code List<Item>}, as a {@link java.lang.reflect.ParameterizedType}).
     *
     * @param json the JSON text
     * @param type what to read it as
     * @param <T>  {@code type} as a Java type (unchecked: the caller's assignment decides)
     * @return the value, null for the JSON {@code null}
     * @throws JSONDecodeError if {@code json} is not valid JSON or does not fit {@code type}, with a message naming
     *                         the problem and where it is in JSON terms (the server sends it to the client in its
     *                         400: no Java class names)
     */
    <T> T decode(byte[] json, Type type);

    /**
     * As {@link #decode(byte[], Type)}, into the generic type {@code type} captures, typed.
     *
     * @param json the JSON text
     * @param type what to read it as: {@code new TypeRef<List<Item>>() {}}
     * @param <T>  the type
     * @return the value
     * @throws JSONDecodeError as {@link #decode(byte[], Type)}
     */
    default <T> T decode(byte[] json, TypeRef<T> type) {
        return decode(json, type.type());
    }

    /**
     * As {@link #encode}, as a {@code String} (a WebSocket text message).
     *
     * @param value what to serialise
     * @return the JSON text
     */
    default String encodeToString(Object value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    /**
     * As {@link #decode(byte[], Type)}, from a {@code String} (a WebSocket text message).
     *
     * @param json the JSON text
     * @param type what to read it as
     * @param <T>  {@code type} as a Java type
     * @return the value
     */
    default <T> T decode(String json, Type type) {
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /**
     * As {@link #decode(String, Type)}, into the generic type {@code type} captures, typed.
     *
     * @param json the JSON text
     * @param type what to read it as
     * @param <T>  the type
     * @return the value
     * @throws JSONDecodeError as {@link #decode(byte[], Type)}
     */
    default <T> T decode(String json, TypeRef<T> type) {
        return decode(json, type.type());
    }

    /**
     * The default codec, Jackson with {@code java.time} support (see the class comment). Cheap: the Jackson
     * mapper is created, once per JVM, when this codec first encodes or decodes.
     *
     * @return the default codec, the same object every time
     */
    static JsonCodec defaultCodec() {
        return DefaultJsonCodec.INSTANCE;
    }
}
