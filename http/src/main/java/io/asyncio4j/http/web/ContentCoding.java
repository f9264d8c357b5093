package io.asyncio4j.http.web;

import io.asyncio4j.http.Compressor;
import java.util.Locale;

/**
 * aiohttp's {@code web.ContentCoding}: the codings a response can be compressed with
 * ({@link Response#enableCompression(ContentCoding)}). {@code deflate} is the zlib format (RFC 1950), as aiohttp's
 * {@code zlib.compressobj(wbits=MAX_WBITS)} writes it; {@code gzip} is RFC 1952.
 */
public enum ContentCoding {
    /** {@code deflate}: the zlib format (RFC 1950); aiohttp's first choice. */
    DEFLATE,
    /** {@code gzip} (RFC 1952). */
    GZIP,
    /** {@code identity}: no compression. */
    IDENTITY;

    /** {@return the token as in {@code Content-Encoding} ({@code "gzip"})} */
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
        return this == IDENTITY ? null : Compressor.forEncoding(value());
    }

    /** {@code data} compressed whole. */
    byte[] compress(byte[] data) {
        return Compressor.encode(value(), data);
    }
}
