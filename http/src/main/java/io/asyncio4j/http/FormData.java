package io.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
 * <p>Not thread-safe; the fields are copied when the request is built.
 */
public final class FormData {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Field(String name, byte[] value, boolean text, String contentType, String filename) {
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

    /** Adds a text field. */
    public FormData addField(String name, String value) {
        return addField(name, value, null, null);
    }

    /**
     * Adds a text field with a content type and a file name (either may be null); either makes the form multipart.
     */
    public FormData addField(String name, String value, String contentType, String filename) {
        Objects.requireNonNull(value, "value is null");
        return add(name, value.getBytes(StandardCharsets.UTF_8), true, contentType, filename);
    }

    /**
     * Adds a file field: {@code data} as a part of type {@code contentType} ({@code application/octet-stream} if
     * null) named {@code filename} (the field's name if null). The form becomes multipart.
     */
    public FormData addField(String name, byte[] data, String contentType, String filename) {
        Objects.requireNonNull(data, "data is null");
        return add(name, data.clone(), false, contentType, filename == null ? name : filename);
    }

    private FormData add(String name, byte[] value, boolean text, String contentType, String filename) {
        Objects.requireNonNull(name, "name is null");
        if (contentType != null || filename != null) {
            multipart = true;
        }
        if (contentType != null) {
            Headers.of("Content-Type", contentType);    // checked as a header value
        }
        fields.add(new Field(name, value, text, contentType, filename));
        return this;
    }

    /** Whether the form is sent as {@code multipart/form-data}. */
    public boolean isMultipart() {
        return multipart;
    }

    /** The multipart boundary. */
    public String boundary() {
        return boundary;
    }

    /** The {@code Content-Type} the body is sent with. */
    public String contentType() {
        return multipart ? "multipart/form-data; boundary=" + boundary : "application/x-www-form-urlencoded";
    }

    /** The encoded body. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!multipart) {
            for (Field f : fields) {
                if (out.size() > 0) {
                    out.write('&');
                }
                out.writeBytes((URLEncoder.encode(f.name(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(new String(f.value(), StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return out.toByteArray();
        }
        for (Field f : fields) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
            String type = f.contentType() != null ? f.contentType()
                    : f.text() ? "text/plain; charset=utf-8" : "application/octet-stream";
            head.append("Content-Type: ").append(type).append("\r\n");
            head.append("Content-Disposition: form-data; ").append(nameParam(f.name()));
            if (f.filename() != null) {
                head.append("; filename=\"").append(percentEncode(f.filename())).append('"');
            }
            head.append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(f.value());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** {@code name="..."} as a quoted string, or {@code name*=utf-8''...} beyond Latin-1 or with controls. */
    private static String nameParam(String name) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0xff || (c < 0x20 && c != '\t') || c == 0x7f) {
                return "name*=utf-8''" + percentEncode(name);
            }
            if (c == '"' || c == '\\') {
                q.append('\\');
            }
            q.append(c);
        }
        return "name=\"" + q + "\"";
    }

    /** Python's {@code urllib.parse.quote(s, safe="")}: all but letters, digits and {@code _.-~} as %XX of UTF-8. */
    static String percentEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.-~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
