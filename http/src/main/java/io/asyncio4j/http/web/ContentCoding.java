package io.asyncio4j.http.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * aiohttp's {@code web.ContentCoding}: the codings a response can be compressed with
 * ({@link Response#enableCompression(ContentCoding)}). {@code deflate} is the zlib format (RFC 1950), as aiohttp's
 * {@code zlib.compressobj(wbits=MAX_WBITS)} writes it; {@code gzip} is RFC 1952.
 */
public enum ContentCoding {
    DEFLATE, GZIP, IDENTITY;

    /** The token as in {@code Content-Encoding} ({@code "gzip"}). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The coding aiohttp picks for {@code acceptEncoding}: the first of deflate, gzip, identity whose name occurs
     * in the lower-cased header (a substring test, as aiohttp's), or null if none does.
     */
    static ContentCoding choose(String acceptEncoding) {
        if (acceptEncoding == null) {
            return null;
        }
        String a = acceptEncoding.toLowerCase(Locale.ROOT);
        for (ContentCoding c : values()) {
            if (a.contains(c.value())) {
                return c;
            }
        }
        return null;
    }

    /** A streaming compressor for this coding (null for identity). */
    Compressor compressor() {
        return this == IDENTITY ? null : new Compressor(this);
    }

    /** {@code data} compressed whole. */
    byte[] compress(byte[] data) {
        Compressor c = compressor();
        byte[] a = c.compress(data);
        byte[] b = c.finish();
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Compresses a body piece by piece: what each call returns is the output so far (maybe nothing). */
    static final class Compressor {
        private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        private final OutputStream out;

        Compressor(ContentCoding coding) {
            try {
                out = coding == GZIP ? new GZIPOutputStream(sink, 64 * 1024) : new DeflaterOutputStream(sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not from a ByteArrayOutputStream
            }
        }

        byte[] compress(byte[] data) {
            try {
                out.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return take();
        }

        byte[] finish() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return take();
        }

        private byte[] take() {
            byte[] b = sink.toByteArray();
            sink.reset();
            return b;
        }
    }
}
