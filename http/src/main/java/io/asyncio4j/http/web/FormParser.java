package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.Slf4jRouting;
import io.asyncio4j.streams.StreamReader;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * The body of {@link Request#post()} for {@code multipart/form-data}: Jetty's {@link MultiPart.Parser} fed with
 * the body as it arrives, the parts gathered as aiohttp's {@code post()} gathers them. The size of the parts'
 * contents together may not pass {@code clientMaxSize} (413), as in aiohttp.
 */
final class FormParser implements MultiPart.Parser.Listener {
    static {
        Slf4jRouting.ensure(); // before any Jetty class logs: SLF4J's records go where the library's go
    }

    /** The most parts a form may have (Jetty's default for forms). */
    static final int MAX_PARTS = 1000;

    private final long maxSize;
    private final List<Map.Entry<String, Object>> out = new ArrayList<>();
    private Headers partHeaders;
    private ByteArrayOutputStream partBody;
    private long size;
    private boolean complete;
    private Throwable failure;
    private HTTPException tooLarge;

    private FormParser(long maxSize) {
        this.maxSize = maxSize;
    }

    /**
     * Reads the multipart body of a request into name-value pairs: {@code body} if the request was read already,
     * else from {@code content} as it arrives.
     */
    static MultiDict<Object> parseMultipart(String contentTypeHeader, byte[] body, StreamReader content,
                                            long maxSize) {
        String boundary = MultiPart.extractBoundary(contentTypeHeader);
        if (boundary == null || boundary.isEmpty()) {
            throw new HTTPBadRequest("multipart/form-data without a boundary");
        }
        FormParser listener = new FormParser(maxSize);
        MultiPart.Parser parser = new MultiPart.Parser(boundary, listener);
        parser.setMaxParts(MAX_PARTS);
        if (body != null) {
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(body), true));
        }
        while (body == null && !listener.complete && listener.failure == null && listener.tooLarge == null) {
            byte[] piece = content.read(64 * 1024).await();
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(piece), piece.length == 0));
            if (piece.length == 0) {
                break;
            }
        }
        if (listener.tooLarge != null) {
            throw listener.tooLarge;
        }
        if (listener.failure != null) {
            throw new HTTPBadRequest("malformed multipart body: " + listener.failure.getMessage());
        }
        if (!listener.complete) {
            throw new HTTPBadRequest("malformed multipart body: it ends before its closing boundary");
        }
        return new MultiDict<>(listener.out);
    }

    /** Parses an {@code application/x-www-form-urlencoded} body as Python's {@code parse_qsl} (blanks kept). */
    static MultiDict<Object> parseUrlencoded(byte[] body, Charset charset) {
        String s = new String(body, charset).stripTrailing();
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        for (String pair : s.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(unquotePlus(name, charset), unquotePlus(value, charset)));
        }
        return new MultiDict<>(out);
    }

    /** Python's {@code unquote_plus}: a malformed escape stays as it is. */
    private static String unquotePlus(String s, Charset charset) {
        try {
            return URLDecoder.decode(s, charset);
        } catch (IllegalArgumentException malformed) {
            return s.replace('+', ' ');
        }
    }

    @Override
    public void onPartBegin() {
        partHeaders = new Headers();
        partBody = new ByteArrayOutputStream();
    }

    @Override
    public void onPartHeader(String name, String value) {
        partHeaders.add(name, value);
    }

    @Override
    public void onPartContent(Content.Chunk chunk) {
        ByteBuffer b = chunk.getByteBuffer().slice();
        size += b.remaining();
        if (size > maxSize) {
            if (tooLarge == null) {
                tooLarge = new HTTPRequestEntityTooLarge(maxSize, size);
            }
            return;
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        partBody.writeBytes(bytes);
    }

    @Override
    public void onPartEnd() {
        if (tooLarge != null || failure != null) {
            return;
        }
        Map<String, String> disp = disposition(partHeaders.get("Content-Disposition"));
        String name = disp.get("name");
        if (name == null) {
            failure = new IllegalArgumentException("Multipart field missing name.");
            return;
        }
        String ct = partHeaders.get("Content-Type");
        byte[] body = partBody.toByteArray();
        String filename = disp.get("filename");
        if (filename != null && !filename.isEmpty()) {
            out.add(Map.entry(name, new FileField(name, filename, ct == null ? "application/octet-stream" : ct,
                    partHeaders.readOnly(), body)));
        } else if (ct == null || ct.toLowerCase(Locale.ROOT).startsWith("text/")) {
            out.add(Map.entry(name, new String(body, Request.charsetFor(ct))));
        } else {
            out.add(Map.entry(name, body));
        }
    }

    @Override
    public void onComplete() {
        complete = true;
    }

    @Override
    public void onFailure(Throwable failure) {
        if (this.failure == null) {
            this.failure = failure;
        }
    }

    /**
     * The parameters of a {@code Content-Disposition} value ({@code form-data; name="a"; filename="b.txt"}), names
     * lower-cased; {@code filename*=UTF-8''...} (RFC 5987) becomes {@code filename}.
     */
    static Map<String, String> disposition(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int eq = header.indexOf('=', i + 1);
            if (eq < 0) {
                break;
            }
            String key = header.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < header.length() && header.charAt(j) == ' ') {
                j++;
            }
            String value;
            if (j < header.length() && header.charAt(j) == '"') {
                StringBuilder sb = new StringBuilder();
                int k = j + 1;
                for (; k < header.length() && header.charAt(k) != '"'; k++) {
                    char c = header.charAt(k);
                    if (c == '\\' && k + 1 < header.length()) {
                        c = header.charAt(++k);
                    }
                    sb.append(c);
                }
                value = sb.toString();
                i = header.indexOf(';', k);
            } else {
                int semi = header.indexOf(';', j);
                value = (semi < 0 ? header.substring(j) : header.substring(j, semi)).trim();
                i = semi;
            }
            if (key.endsWith("*")) {
                int q = value.indexOf("''");
                if (q >= 0) {
                    try {
                        value = URLDecoder.decode(value.substring(q + 2).replace("+", "%2B"),
                                Charset.forName(value.substring(0, q)));
                    } catch (IllegalArgumentException e) {
                        // keep it as sent
                    }
                }
                key = key.substring(0, key.length() - 1);
                out.put(key, value); // the extended form wins
            } else {
                out.putIfAbsent(key, value);
            }
        }
        return out;
    }
}
