package io.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * {@code gzip} (and {@code x-gzip}; several members, header flags, CRC-32 and length checked) and {@code deflate}
 * (zlib-wrapped, or raw deflate when the first byte is not a zlib header, as aiohttp accepts) with {@link Inflater}.
 * Errors are {@link ClientPayloadError}s. Not thread-safe.
 */
final class ZlibDecoder implements ContentDecoder {
    private final boolean gzip;
    private final String encoding;
    private Inflater inflater;
    private final byte[] out = new byte[16 * 1024];
    /** gzip: bytes of the current member's header or trailer being collected. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final CRC32 crc = new CRC32();
    private long size;
    /** gzip states: 0 header, 1 body, 2 trailer, 3 between members. */
    private int state;
    private boolean sawInput;

    ZlibDecoder(String encoding, boolean gzip) {
        this.encoding = encoding;
        this.gzip = gzip;
    }

    @Override
    public byte[] decode(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        sawInput = true;
        ByteArrayOutputStream result = new ByteArrayOutputStream(Math.max(64, in.length * 3));
        try {
            if (gzip) {
                gunzip(in, 0, in.length, result);
            } else {
                if (inflater == null) {
                    // zlib's header: low nibble of CMF is 8 (deflate) and CMF*256+FLG is a multiple of 31
                    boolean zlib = (in[0] & 0x0f) == 8;
                    inflater = new Inflater(!zlib);
                }
                inflater.setInput(in);
                drain(result);
            }
        } catch (DataFormatException e) {
            throw error(e.getMessage(), e);
        }
        return result.toByteArray();
    }

    @Override
    public void finish() {
        boolean ok;
        if (gzip) {
            ok = !sawInput || state == 3;
        } else {
            ok = !sawInput || inflater.finished();
        }
        if (inflater != null) {
            inflater.end();
        }
        if (!ok) {
            throw error("the compressed body is truncated", null);
        }
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private ClientPayloadError error(String why, Throwable cause) {
        return ContentDecoder.error(encoding, why, cause);
    }

    private void drain(ByteArrayOutputStream result) throws DataFormatException {
        while (!inflater.finished()) {
            int n = inflater.inflate(out);
            if (n == 0) {
                if (inflater.needsInput() || inflater.needsDictionary()) {
                    break;
                }
            }
            if (gzip) {
                crc.update(out, 0, n);
                size += n;
            }
            result.write(out, 0, n);
        }
    }

    private void gunzip(byte[] in, int off, int end, ByteArrayOutputStream result) throws DataFormatException {
        while (off < end) {
            switch (state) {
                case 3, 0 -> {
                    state = 0;
                    pending.write(in[off++]);
                    int len = headerLength(pending.toByteArray());
                    if (len > 0) {
                        pending.reset();
                        inflater = inflater == null ? new Inflater(true) : inflater;
                        inflater.reset();
                        crc.reset();
                        size = 0;
                        state = 1;
                    }
                }
                case 1 -> {
                    inflater.setInput(in, off, end - off);
                    drain(result);
                    if (inflater.finished()) {
                        off = end - inflater.getRemaining();
                        state = 2;
                    } else {
                        off = end;
                    }
                }
                default -> {
                    pending.write(in[off++]);
                    if (pending.size() == 8) {
                        byte[] t = pending.toByteArray();
                        pending.reset();
                        long wantCrc = le32(t, 0);
                        long wantSize = le32(t, 4);
                        if (wantCrc != crc.getValue() || wantSize != (size & 0xffffffffL)) {
                            throw error("CRC or length mismatch", null);
                        }
                        state = 3;
                    }
                }
            }
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
