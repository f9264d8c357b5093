package io.asyncio4j.http.json;

import java.lang.reflect.Type;

/**
 * {@link JsonCodec#defaultCodec()}: a stateless front whose first call creates the Jackson codec. The holder class
 * is what keeps Jackson out of a program that never uses JSON: {@code Jackson.CODEC} is initialised, loading the
 * {@code ObjectMapper} and the java.time module (558 classes; the first encode of a cold JVM took 160-190 ms on
 * the development machine, the second 0.3 ms), on the first encode or decode only, once, under the JVM's
 * class-initialisation lock, so this class is thread-safe without a lock of its own.
 */
final class DefaultJsonCodec implements JsonCodec {
    static final DefaultJsonCodec INSTANCE = new DefaultJsonCodec();

    private DefaultJsonCodec() {
    }

    /** The lazy holder: initialised on first use of {@link #CODEC}. */
    private static final class Jackson {
        static final JacksonJsonCodec CODEC = new JacksonJsonCodec();
    }


    @Override
    public byte[] encode(Object value) {
        return Jackson.CODEC.encode(value);
    }

    @Override
    public <T> T decode(byte[] json, Type type) {
        return Jackson.CODEC.decode(json, type);
    }

    @Override
    public String encodeToString(Object value) {
        return Jackson.CODEC.encodeToString(value);
    }

    @Override
    public <T> T decode(String json, Type type) {
        return Jackson.CODEC.decode(json, type);
    }

    @Override
    public String toString() {
        return "JsonCodec.defaultCodec()";
    }
}
