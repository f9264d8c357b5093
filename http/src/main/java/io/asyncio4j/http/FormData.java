package io.asyncio4j.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.internal.MimeTypes;
import io.asyncio4j.http.internal.PercentEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * aiohttp's {@code FormData}: the fields of an HTML form, sent as {@code application/x-www-form-urlencoded} if
 * every field is a plain text field, else as {@code multipart/form-data} (RFC 7578).
 *
 * <pre>{@code
 * FormData form = new FormData()
 *         .addField("title", "report")
 *         .addField("file", pdfBytes, "application/pdf", "report.pdf");
 * session.post(url, RequestOptions.builder().data(form).build()).await();
 * }</pre>
 * As in aiohttp, a field becomes a multipart part as soon as any field has a file name or a content type, or is
 * given as bytes (a byte field without a file name gets its field name as file name). A multipart body has a random
 * boundary (32 hex digits); each part has {@code Content-Type} ({@code text/plain; charset=utf-8} for text,
 * {@code application/octet-stream} for bytes, unless given) and {@code Content-Disposition: form-data; name="...";
 * filename="..."}, the name as a quoted string (RFC 5987's {@code name*=utf-8''...} if it is not Latin-1) and the
 * file name percent-encoded, aiohttp's {@code quote_fields}. Parts carry no {@code Content-Length}, which form
 * parsers do not expect.
 *
 * <p>A file added with {@link #addFile(String, Path, String, String)} is not read into memory: its part is read
 * from the file while the request is sent, 64 KiB at a time on a worker thread, and the request announces the
 * body's {@code Content-Length} from the files' sizes when it is sent (aiohttp's file payloads). Such a body can be
 * sent again, so a stale pooled connection is retried and a 307/308 redirect resends it. A file that is shorter than
 * its size when the request started fails the request with {@link ClientPayloadError}; bytes beyond that size are
 * not sent.
 *
 * <p>Not thread-safe; the fields are copied when the request is built.
 */
public final class FormData {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A field: {@code value}, or the contents of {@code file} when it is sent. */
    private record Field(String name, byte[] value, Path file, boolean text, String contentType, String filename) {
    }

    private final List<Field> fields = new ArrayList<>();
    private final String boundary;
    private boolean multipart;

    /** An empty form with a random multipart boundary. */
    public FormData() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        boundary = HexFormat.of().formatHex(b);
    }

    /**
     * aiohttp's {@code add_field(name, value)}: adds a text field.
     *
     * @param name  the field name; not null
     * @param value the value, sent in UTF-8; not null
     * @return this
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public FormData addField(String name, String value) {
        return addField(name, value, null, null);
    }

    /**
     * Adds a text field with a content type and a file name (either may be null); either makes the form multipart.
     *
     * @param name        the field name; not null
     * @param value       the value, sent in UTF-8; not null
     * @param contentType the part's {@code Content-Type}, or null for {@code text/plain; charset=utf-8}
     * @param filename    the part's file name, or null for none
     * @return this
     * @throws NullPointerException if {@code name} or {@code value} is null
     * @throws IllegalArgumentException if {@code contentType} is not a valid header value (CR, LF or NUL)
     */
    public FormData addField(String name, String value, String contentType, String filename) {
        Objects.requireNonNull(value, "value is null");
        return add(name, value.getBytes(StandardCharsets.UTF_8), null, true, contentType, filename);
    }

    /**
     * Adds a file field: {@code data} as a part of type {@code contentType} ({@code application/octet-stream} if
     * null) named {@code filename} (the field's name if null). The form becomes multipart.
     *
     * @param name        the field name; not null
     * @param data        the part's content; copied, so later changes to the array are not sent
     * @param contentType the part's {@code Content-Type}, or null for {@code application/octet-stream}
     * @param filename    the part's file name, or null for {@code name}
     * @return this
     * @throws NullPointerException if {@code name} or {@code data} is null
     * @throws IllegalArgumentException if {@code contentType} is not a valid header value (CR, LF or NUL)
     */
    public FormData addField(String name, byte[] data, String contentType, String filename) {
        Objects.requireNonNull(data, "data is null");
        return add(name, data.clone(), null, false, contentType, filename == null ? name : filename);
    }

    /**
     * {@link #addFile(String, Path, String, String)} with the type guessed and the file's own name.
     *
     * @param name the field name; not null
     * @param file a readable regular file; read when the request is sent, not now
     * @return this
     * @throws IllegalArgumentException if {@code file} is not a readable regular file
     * @throws NullPointerException if {@code name} or {@code file} is null
     */
    public FormData addFile(String name, Path file) {
        return addFile(name, file, null, null);
    }

    /**
     * Adds a file field streamed from {@code file} when the request is sent (aiohttp's {@code add_field(name,
     * open(file, "rb"))}): a part named {@code filename} (the file's name if null) of type {@code contentType} (if
     * null, guessed from the file name as aiohttp's {@code mimetypes.guess_type}, else
     * {@code application/octet-stream}). The form becomes multipart.
     *
     * @param name        the field name; not null
     * @param file        a readable regular file; read when the request is sent, not now
     * @param contentType the part's {@code Content-Type}, or null to guess it
     * @param filename    the part's file name, or null for the file's own name
     * @return this
     * @throws IllegalArgumentException if {@code file} is not a readable regular file, or {@code contentType} is not a
     *                                  valid header value
     * @throws NullPointerException if {@code name} or {@code file} is null
     */
    public FormData addFile(String name, Path file, String contentType, String filename) {
        Objects.requireNonNull(file, "file is null");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("not a readable regular file: " + file);
        }
        String fname = filename != null ? filename : file.getFileName().toString();
        String type = contentType != null ? contentType : MimeTypes.guessType(fname)[0];
        return add(name, null, file, false, type != null ? type : "application/octet-stream", fname);
    }

    private FormData add(String name, byte[] value, Path file, boolean text, String contentType, String filename) {
        Objects.requireNonNull(name, "name is null");
        if (contentType != null || filename != null) {
            multipart = true;
        }
        if (contentType != null) {
            Headers.of("Content-Type", contentType);    // checked as a header value
        }
        fields.add(new Field(name, value, file, text, contentType, filename));
        return this;
    }

    private FormData(String boundary, boolean multipart, List<Field> fields) {
        this.boundary = boundary;
        this.multipart = multipart;
        this.fields.addAll(fields);
    }

    /** A copy with the same fields and boundary, for a request to keep. */
    FormData copy() {
        return new FormData(boundary, multipart, fields);
    }

    /** Whether a field is a file read when the request is sent. */
    boolean streamed() {
        for (Field f : fields) {
            if (f.file() != null) {
                return true;
            }
        }
        return false;
    }

    /** {@return whether the form is sent as {@code multipart/form-data}} */
    public boolean isMultipart() {
        return multipart;
    }

    /** {@return the multipart boundary: 32 random hex digits, fixed for this form} */
    public String boundary() {
        return boundary;
    }

    /** {@return the {@code Content-Type} the body is sent with (with the boundary if multipart)} */
    public String contentType() {
        return multipart ? "multipart/form-data; boundary=" + boundary : "application/x-www-form-urlencoded";
    }

    /**
     * The encoded body, read whole into memory (files included); a request streams file fields instead.
     *
     * @return a new array with the urlencoded or multipart body
     * @throws UncheckedIOException if a file added with {@link #addFile} cannot be read
     */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!multipart) {
            for (Field f : fields) {
                if (out.size() > 0) {
                    out.write('&');
                }
                out.writeBytes((PercentEncoder.form(f.name()) + "="
                        + PercentEncoder.form(new String(f.value(), StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return out.toByteArray();
        }
        for (Field f : fields) {
            out.writeBytes(partHead(f));
            try {
                out.writeBytes(f.file() != null ? Files.readAllBytes(f.file()) : f.value());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f.file() + " for form field " + f.name(), e);
            }
            out.writeBytes(CRLF);
        }
        out.writeBytes(closing());
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** The boundary line and header fields of a part, up to the blank line. */
    private byte[] partHead(Field f) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
        String type = f.contentType() != null ? f.contentType()
                : f.text() ? "text/plain; charset=utf-8" : "application/octet-stream";
        head.append("Content-Type: ").append(type).append("\r\n");
        head.append("Content-Disposition: form-data; ").append(nameParam(f.name()));
        if (f.filename() != null) {
            head.append("; filename=\"").append(PercentEncoder.component(f.filename())).append('"');
        }
        head.append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] closing() {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The multipart body measured now (each file's size): its {@link Upload#length()}, and its bytes, read anew
     * each time it is {@link Upload#open() opened}.
     *
     * @throws UncheckedIOException if a file's size cannot be read
     */
    Upload upload() {
        List<Object> pieces = new ArrayList<>();     // byte[] or a SizedFile
        long length = 0;
        for (Field f : fields) {
            byte[] head = partHead(f);
            pieces.add(head);
            length += head.length;
            if (f.file() != null) {
                long size;
                try {
                    size = Files.size(f.file());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f.file() + " for form field " + f.name(), e);
                }
                pieces.add(new SizedFile(f.file(), size));
                length += size;
            } else {
                pieces.add(f.value());
                length += f.value().length;
            }
            pieces.add(CRLF);
            length += CRLF.length;
        }
        byte[] end = closing();
        pieces.add(end);
        return new Upload(List.copyOf(pieces), length + end.length);
    }

    private record SizedFile(Path path, long size) {
    }

    /** A multipart body with file parts, measured once, to send once or more. */
    static final class Upload {
        private static final int CHUNK = 64 * 1024;
        private final List<Object> pieces;
        private final long length;

        private Upload(List<Object> pieces, long length) {
            this.pieces = pieces;
            this.length = length;
        }

        /** The body's length in bytes: its {@code Content-Length}. */
        long length() {
            return length;
        }

        /**
         * The body's bytes from the start, for one send. {@code next()} must run on a task: it awaits the file
         * reads, made on a worker thread. Closing the iterator closes the file it is reading.
         */
        Reader open() {
            return new Reader();
        }

        /** The bytes of one send; closes its open file when it ends, fails, or is closed. */
        final class Reader implements Iterator<byte[]>, AutoCloseable {
            private int piece;
            private FileChannel channel;
            private long left;

            @Override
            public boolean hasNext() {
                return piece < pieces.size();
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (!(pieces.get(piece) instanceof SizedFile f)) {
                    return (byte[]) pieces.get(piece++);
                }
                try {
                    if (channel == null) {
                        channel = Asyncio.toThread(() -> FileChannel.open(f.path())).await();
                        left = f.size();
                    }
                    FileChannel ch = channel;
                    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, left));
                    int n = buf.capacity() == 0 ? 0 : Asyncio.toThread(() -> ch.read(buf)).await();
                    if (n < 0) {
                        throw new ClientPayloadError(f.path() + " is shorter than when the request started ("
                                + f.size() + " bytes): it changed while it was sent", null);
                    }
                    left -= n;
                    if (left == 0) {
                        close();
                        piece++;
                    }
                    return n == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), n);
                } catch (Throwable e) {
                    close();
                    if (e instanceof IOException io) { // from the worker thread, as it was thrown there
                        throw new UncheckedIOException("cannot read " + f.path(), io);
                    }
                    throw e;
                }
            }

            @Override
            public void close() {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // a file opened for reading: nothing was written that could be lost
                    }
                    channel = null;
                }
            }
        }
    }

    /** {@code name="..."} as a quoted string, or {@code name*=utf-8''...} beyond Latin-1 or with controls. */
    private static String nameParam(String name) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0xff || (c < 0x20 && c != '\t') || c == 0x7f) {
                return "name*=utf-8''" + PercentEncoder.component(name);
            }
            if (c == '"' || c == '\\') {
                q.append('\\');
            }
            q.append(c);
        }
        return "name=\"" + q + "\"";
    }
}
