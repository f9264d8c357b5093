package io.asyncio4j.http;

import io.asyncio4j.http.internal.PercentEncoder;
import io.asyncio4j.http.json.JsonCodec;
import io.asyncio4j.streams.StreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a request, one of five kinds (OkHttp's {@code RequestBody}, aiohttp's payloads): each says its
 * content type, its length if known ({@code -1}: unknown, sent chunked unless a {@code Content-Length} header gives
 * it), and whether it can be sent again (on a retry over a fresh connection, or a 307/308 redirect). A
 * {@link RequestOptions} holds at most one; {@link ClientRequest} turns it into bytes.
 *
 * <p>Immutable, except what a streamed body reads from, which is read once.
 */
sealed interface RequestBody {
    /** The body's type, sent as {@code Content-Type} unless a header gives one. */
    String contentType();

    /** The body's length in bytes, or -1 if it is known only once it is sent. */
    long contentLength();

    /** Whether the body can be sent again: false only for a stream, which is read once. */
    boolean resendable();

    /**
     * Bytes ({@code data(byte[])}, or a form without files encoded as {@link FormData} encodes it).
     *
     * @param bytes the body (the options' own copy: not changed, not given out)
     * @param type  the content type, or null for {@code application/octet-stream}
     */
    record Bytes(byte[] bytes, String type) implements RequestBody {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String contentType() {
            return type != null ? type : "application/octet-stream";
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public boolean resendable() {
            return true;
        }
    }

    /**
     * An object sent as JSON, encoded by the session's codec when the request is made.
     *
     * @param value the object (null sends {@code null})
     */
    record Json(Object value) implements RequestBody {
        @Override
        public String contentType() {
            return "application/json";
        }

        /** Unknown until the session's codec encodes it. */
        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public boolean resendable() {
            return true;
        }

        /** The value encoded by {@code codec}. */
        Bytes encode(JsonCodec codec) {
            return new Bytes(codec.encode(value), contentType());
        }
    }

    /**
     * Fields sent as {@code application/x-www-form-urlencoded} (UTF-8, encoded as Python's {@code urlencode}).
     *
     * @param fields the names and values, in order (an unmodifiable list)
     */
    record Form(List<Map.Entry<String, String>> fields) implements RequestBody {
        public Form {
            fields = List.copyOf(fields);
        }

        @Override
        public String contentType() {
            return "application/x-www-form-urlencoded";
        }

        @Override
        public long contentLength() {
            return encode().bytes().length;
        }

        @Override
        public boolean resendable() {
            return true;
        }

        /** The encoded fields. */
        Bytes encode() {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : fields) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(PercentEncoder.form(e.getKey())).append('=').append(PercentEncoder.form(e.getValue()));
            }
            return new Bytes(sb.toString().getBytes(StandardCharsets.US_ASCII), contentType());
        }
    }

    /**
     * A multipart form with files, read as it is sent; its length is known when a request starts (the files'
     * sizes then), so each hop takes an {@link FormData#upload()} of its own.
     *
     * @param form the form (the options' own copy)
     */
    record Multipart(FormData form) implements RequestBody {
        @Override
        public String contentType() {
            return form.contentType();
        }

        /** Known once a hop takes its upload (the files' sizes then). */
        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public boolean resendable() {
            return true;
        }
    }

    /**
     * A stream read once: a {@link StreamReader} until its EOF, or an {@code Iterator<byte[]>} of chunks.
     *
     * @param source the reader or the iterator
     */
    record Streamed(Object source) implements RequestBody {
        public Streamed {
            if (!(source instanceof StreamReader) && !(source instanceof Iterator<?>)) {
                throw new IllegalArgumentException("a streamed body is a StreamReader or an Iterator<byte[]>");
            }
        }

        @Override
        public String contentType() {
            return "application/octet-stream";
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public boolean resendable() {
            return false;
        }
    }
}
