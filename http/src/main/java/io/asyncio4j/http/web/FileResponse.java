package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.http.internal.BodyWriter;
import io.asyncio4j.http.internal.HttpDates;
import io.asyncio4j.http.internal.MimeTypes;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * aiohttp's {@code web.FileResponse}: a file as the answer, with the conditional and range requests of aiohttp.
 *
 * <pre>{@code
 * app.router().get("/report", request -> new FileResponse(Path.of("/srv/report.pdf")));
 * }</pre>
 *
 * <p>When the server prepares it, it looks the file up ({@link HTTPNotFound} if it is not a regular file) and
 * answers, in aiohttp's order:
 * <ul>
 * <li>{@code 412} if {@code If-Match} names no current ETag, or (without {@code If-Match}) the file changed after
 *     {@code If-Unmodified-Since};</li>
 * <li>{@code 304} if {@code If-None-Match} names its ETag, or (without {@code If-None-Match}) it did not change
 *     after {@code If-Modified-Since} (compared in whole seconds, the precision of the date sent);</li>
 * <li>{@code 206} with {@code Content-Range} for one range {@code bytes=a-b}, {@code bytes=a-} or
 *     {@code bytes=-n} that starts inside the file (unless {@code If-Range} is older than the file);
 *     {@code 416} with {@code Content-Range: bytes *}{@code /size} for a range that does not, several ranges, or
 *     a malformed one;</li>
 * <li>else the whole file, {@code 200}.</li>
 * </ul>
 * It sends {@code Last-Modified}, {@code ETag}, {@code Accept-Ranges: bytes}, and a {@code Content-Type} guessed
 * from the name as Python's {@code mimetypes} does on a Debian or Ubuntu server (its table and Debian's
 * {@code media-types}, some 1,550 extensions, read on the first file served; unless one was set;
 * {@code application/octet-stream} when unknown; a {@code .gz} name is sent as its inner type with {@code Content-Encoding: gzip}). If the request
 * accepts gzip and a file of the same name plus {@code .gz} exists, that file is sent instead.
 *
 * <p>Looking the file up is blocking I/O, so it runs in the loop's default executor ({@link Asyncio#toThread}).
 * A body that goes out as the file's bytes (the whole file or one range, with a length and no compression by
 * {@link #enableCompression()}) is sent by {@link Net#sendfile} as aiohttp's does with {@code loop.sendfile}:
 * the kernel copies it to a plain socket, and over TLS it is read off the loop in chunks and written with flow
 * control. Otherwise (compression) it is read in the executor a chunk of {@code chunkSize} bytes at a time, each
 * written before the next is read. Either way the loop never blocks on the disk and memory stays bounded however
 * large the file; the file is closed when the body is sent, fails, or the handler is cancelled.
 */
public class FileResponse extends StreamResponse {
    /** aiohttp's default chunk size: 256 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;

    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    private final Path path;
    private final int chunkSize;
    /** For a static route that follows no symlink out of its root: the root a {@code .gz} sibling must be in. */
    private final Path confinedTo;

    /**
     * aiohttp's {@code web.FileResponse(path)}: the file at {@code path}, read in chunks of
     * {@value #DEFAULT_CHUNK_SIZE} bytes. The file is looked up when the response is sent, not now.
     *
     * @param path the file to send
     * @throws NullPointerException if {@code path} is null
     */
    public FileResponse(Path path) {
        this(path, DEFAULT_CHUNK_SIZE);
    }

    /**
     * aiohttp's {@code web.FileResponse(path, chunk_size)}: the file at {@code path}, read in chunks of
     * {@code chunkSize} bytes.
     *
     * @param path      the file to send
     * @param chunkSize the bytes read and sent at a time, positive
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if {@code chunkSize} is not positive
     */
    public FileResponse(Path path, int chunkSize) {
        this(path, chunkSize, null);
    }

    FileResponse(Path path, int chunkSize, Path confinedTo) {
        this.path = Objects.requireNonNull(path, "path");
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be > 0, not " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.confinedTo = confinedTo;
    }

    /** {@return the file's path, as given} */
    public Path path() {
        return path;
    }

    /**
     * Answers {@code request} with the file (or 304, 412, 416 as the class describes) and sends the body.
     *
     * @throws HTTPNotFound (when awaited) if the file is not a regular file, before anything is sent
     */
    @CheckReturnValue
    @Override
    public Coro<Void> prepare(Request request) {
        Objects.requireNonNull(request, "request");
        return Coro.named("FileResponse.prepare", () -> {
            if (!prepared()) {
                send(request);
            }
            return null;
        });
    }

    private void send(Request request) throws Exception {
        Path file = path;
        boolean gzipSibling = false;
        String ae = request.header("Accept-Encoding");
        if (ae != null && ae.contains("gzip")) {
            Path gz = path.resolveSibling(path.getFileName() + ".gz");
            if (Asyncio.toThread(() -> Files.isRegularFile(gz) && (confinedTo == null
                    || gz.toRealPath().startsWith(confinedTo))).await()) {
                file = gz;
                gzipSibling = true;
            }
        }
        Path f = file;
        BasicFileAttributes st = Asyncio.toThread(() -> {
            try {
                return Files.readAttributes(f, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return null;
            }
        }).await();
        if (st == null || !st.isRegularFile()) {
            throw new HTTPNotFound();
        }
        long size = st.size();
        long mtimeNanos = st.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        long mtime = st.lastModifiedTime().to(TimeUnit.SECONDS);
        String etag = "\"" + Long.toHexString(mtimeNanos) + "-" + Long.toHexString(size) + "\"";

        String ifMatch = request.header("If-Match");
        if (ifMatch != null && !etagMatch(etag, ifMatch)) {
            preconditionFailed(request);
            return;
        }
        Long unmodifiedSince = HttpDates.parse(request.header("If-Unmodified-Since"));
        if (unmodifiedSince != null && ifMatch == null && mtime > unmodifiedSince) {
            preconditionFailed(request);
            return;
        }
        String ifNoneMatch = request.header("If-None-Match");
        Long modifiedSince = HttpDates.parse(request.header("If-Modified-Since"));
        if ((ifNoneMatch != null && etagMatch(etag, ifNoneMatch))
                || (ifNoneMatch == null && modifiedSince != null && mtime <= modifiedSince)) {
            status(304);
            header("ETag", etag);
            header("Last-Modified", HttpDates.format(mtime));
            start(request);
            return;
        }

        String[] type = guessType(file.getFileName().toString());
        boolean setType = headers().get("Content-Type") == null && contentType() == null;
        long start = 0;
        long count = size;
        boolean partial = false;
        Long ifRange = HttpDates.parse(request.header("If-Range"));
        String range = request.header("Range");
        if (range != null && (request.header("If-Range") == null || (ifRange != null && mtime <= ifRange))) {
            long[] r = parseRange(range.trim(), size);
            if (r == null) {
                status(416);
                headers().set("Content-Range", "bytes */" + size);
                contentLength(0);
                start(request);
                return;
            }
            start = r[0];
            count = r[1];
            partial = true;
            status(206);
        }
        if (setType) {
            contentType(type[0]);
        }
        if (gzipSibling) {
            headers().set("Content-Encoding", "gzip");
            headers().set("Vary", "Accept-Encoding");
        } else if (setType && type[1] != null) {
            headers().set("Content-Encoding", type[1]);
        }
        headers().set("ETag", etag);
        headers().set("Last-Modified", HttpDates.format(mtime));
        headers().set("Accept-Ranges", "bytes");
        if (partial) {
            headers().set("Content-Range", "bytes " + start + "-" + (start + count - 1) + "/" + size);
        }
        contentLength(count);
        start(request);
        if (count == 0 || headOnly()) {
            return;
        }
        FileChannel ch = Asyncio.toThread(() -> FileChannel.open(f, StandardOpenOption.READ)).await();
        try {
            BodyWriter body = bodyWriter();
            Transport transport = request.protocol().transport();
            if (body.passesThrough() && transport != null && !transport.isClosing()) {
                // The body is the file's bytes as they are: the kernel copies them (or, over TLS, the fallback
                // does). A file that shrank sends fewer bytes; the short length then closes the connection.
                long n = Net.sendfile(transport, ch, start, count).await();
                body.sentDirectly(n);
                request.protocol().sentDirectly(n);
                return;
            }
            long pos = start;
            long end = start + count;
            while (pos < end) {
                long at = pos;
                int n = (int) Math.min(chunkSize, end - pos);
                byte[] chunk = Asyncio.toThread(() -> readFully(ch, at, n)).await();
                if (chunk.length == 0) {
                    break; // the file shrank: the connection closes (the length is not met)
                }
                write(chunk).await();
                pos += chunk.length;
            }
        } finally {
            ch.close();
        }
    }

    private void preconditionFailed(Request request) throws Exception {
        status(412);
        contentLength(0);
        start(request);
    }

    private static byte[] readFully(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int r = ch.read(b, position + b.position());
            if (r < 0) {
                break;
            }
        }
        return b.position() == n ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** Whether an {@code If-Match}/{@code If-None-Match} value names {@code etag} (strong comparison) or is *. */
    private static boolean etagMatch(String etag, String header) {
        for (String t : header.split(",")) {
            String v = t.trim();
            if (v.equals("*") || v.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * aiohttp's {@code request.http_range} applied to a file of {@code size} bytes: {start, count}, or null if the
     * range is malformed or unsatisfiable (416). A position of any number of digits is read saturating at
     * {@link Long#MAX_VALUE}: a last-byte-pos or a suffix-length beyond the file is clamped to it (RFC 9110
     * §14.1.2), and a first-byte-pos too large for a long is past the end, hence unsatisfiable.
     */
    static long[] parseRange(String range, long size) {
        Matcher m = RANGE.matcher(range);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long start = Math.max(0, size - saturatedLong(m.group(2)));
            return start >= size ? null : new long[] {start, size - start};
        }
        long start = saturatedLong(m.group(1));
        if (m.group(2).isEmpty()) {
            return start >= size ? null : new long[] {start, size - start};
        }
        long last = saturatedLong(m.group(2));
        if (start > last || start >= size) {
            return null;
        }
        return new long[] {start, Math.min(last, size - 1) - start + 1};
    }

    /** The decimal {@code digits} (ASCII, at least one) as a long, or {@link Long#MAX_VALUE} if larger. */
    private static long saturatedLong(String digits) {
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /**
     * Python's {@code mimetypes.guess_type} ({@link MimeTypes}): {type, encoding} for a file name ({@code .tar.gz}:
     * tar, gzip), {@code application/octet-stream} for a name it does not know, as aiohttp's {@code FileResponse}.
     */
    static String[] guessType(String name) {
        String[] t = MimeTypes.guessType(name);
        return new String[] {t[0] == null ? "application/octet-stream" : t[0], t[1]};
    }
}
