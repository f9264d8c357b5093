package io.asyncio4j.http;

import io.asyncio4j.http.spi.CompressedInput;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * {@code gzip} (and {@code x-gzip}; several members, header flags, CRC-32 and length checked) and {@code deflate}
 * (zlib-wrapped, or raw deflate when the first byte is not a zlib header, as aiohttp accepts) with {@link Inflater}.
 * Input is queued by {@link #feed} and inflated only as {@link #decode(int)} asks, into at most that many bytes.
 * Errors are {@link ClientPayloadError}s. Not thread-safe.
 */
final class ZlibDecoder implements ContentDecoder {
    /** gzip states. */
    private enum State { HEADER, BODY, TRAILER, BETWEEN_MEMBERS }

    private final boolean gzip;
    private final String encoding;
    private Inflater inflater;
    /** The compressed bytes fed and not consumed yet. */
    private final CompressedInput in = new CompressedInput();
    /** gzip: bytes of the current member's header or trailer being collected. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final CRC32 crc = new CRC32();
    private long size;
    private State state = State.HEADER;
    private boolean sawInput;
    /** deflate: the stream ended; what follows is ignored, as zlib's decompressobj keeps it aside. */
    private boolean ended;

    ZlibDecoder(String encoding, boolean gzip) {
        this.encoding = encoding;
        this.gzip = gzip;
    }

    @Override
    public String encoding() {
        return encoding;
    }

    @Override
    public void feed(byte[] data) {
        if (data.length > 0 && !ended) {
            sawInput = true;
            in.add(data);
        }
    }

    @Override
    public byte[] decode(int max) {
        byte[] out = new byte[max];
        int n = 0;
        try {
            while (n < max && !ended) {
                if (!gzip || state == State.BODY) {
                    if (inflater == null) {
                        if (!in.available()) {
                            break;
                        }
                        // zlib's header: low nibble of CMF is 8 (deflate); anything else is taken as raw deflate
                        inflater = new Inflater(!((in.array()[in.offset()] & 0x0f) == 8));
                    }
                    if (inflater.needsInput()) {
                        if (!in.available()) {
                            break;
                        }
                        inflater.setInput(in.array(), in.offset(), in.remaining());
                        in.consume(in.remaining());
                    }
                    int k = inflater.inflate(out, n, max - n);
                    if (gzip) {
                        crc.update(out, n, k);
                        size += k;
                    }
                    n += k;
                    if (inflater.finished()) {
                        in.unread(inflater.getRemaining());
                        if (gzip) {
                            state = State.TRAILER;
                        } else {
                            ended = true;
                            in.clear();
                        }
                    } else if (k == 0 && inflater.needsDictionary()) {
                        throw new DataFormatException("a preset dictionary is needed");
                    }
                } else {
                    if (!in.available()) {
                        break;
                    }
                    gzipFraming(in.next());
                }
            }
        } catch (DataFormatException e) {
            throw error(e.getMessage(), e);
        }
        return n == max ? out : Arrays.copyOf(out, n);
    }


    @Override
    public void finish() {
        boolean ok = !sawInput || (gzip ? state == State.BETWEEN_MEMBERS : inflater != null && inflater.finished());
        close();
        if (!ok) {
            throw error("the compressed body is truncated", null);
        }
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
        in.clear();
    }

    private ClientPayloadError error(String why, Throwable cause) {
        return ContentDecoder.error(encoding, why, cause);
    }

    /** One byte of a gzip member's header or trailer. */
    private void gzipFraming(byte b) throws DataFormatException {
        if (state == State.BETWEEN_MEMBERS) {
            state = State.HEADER;
        }
        pending.write(b);
        if (state == State.HEADER) {
            if (headerLength(pending.toByteArray()) > 0) {
                pending.reset();
                inflater = inflater == null ? new Inflater(true) : inflater;
                inflater.reset();
                crc.reset();
                size = 0;
                state = State.BODY;
            }
        } else if (pending.size() == 8) {
            byte[] t = pending.toByteArray();
            pending.reset();
            long wantCrc = le32(t, 0);
            long wantSize = le32(t, 4);
            if (wantCrc != crc.getValue() || wantSize != (size & 0xffffffffL)) {
                throw error("CRC or length mismatch", null);
            }
            state = State.BETWEEN_MEMBERS;
        }
    }

    /** The gzip header's length once all of it is in {@code h}, 0 while more is needed. */
    private int headerLength(byte[] h) throws DataFormatException {
        if (h.length >= 1 && (h[0] & 0xff) != 0x1f || h.length >= 2 && (h[1] & 0xff) != 0x8b
                || h.length >= 3 && h[2] != 8) {
            throw new DataFormatException("not in gzip format");
        }
        if (h.length < 10) {
            return 0;
        }
        int flags = h[3] & 0xff;
        int p = 10;
        if ((flags & 4) != 0) {                 // FEXTRA
            if (h.length < p + 2) {
                return 0;
            }
            p += 2 + ((h[p] & 0xff) | (h[p + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {8, 16}) {     // FNAME, FCOMMENT: zero-terminated
            if ((flags & flag) != 0) {
                while (true) {
                    if (p >= h.length) {
                        return 0;
                    }
                    if (h[p++] == 0) {
                        break;
                    }
                }
            }
        }
        if ((flags & 2) != 0) {                 // FHCRC
            p += 2;
        }
        return h.length >= p ? p : 0;
    }

    private static long le32(byte[] b, int o) {
        return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
    }
}
