package io.asyncio4j.http.ws;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The permessage-deflate extension (RFC 7692) as negotiated for one connection, with its compression state.
 * The JDK's {@link Deflater} always uses a 32 KiB window, so an offer that limits this side's window
 * ({@code server_max_window_bits} below 15 to a server, or {@code client_max_window_bits} to a client that did not
 * offer it) is declined; any window the peer uses is fine for the {@link Inflater}. Not thread-safe: one
 * connection's loop uses it; {@link #end()} frees the native state.
 */
public final class PerMessageDeflate {
    /** What a client offers: the extension without parameters. */
    public static final String CLIENT_OFFER = "permessage-deflate";
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final boolean sendNoContextTakeover;
    private final boolean receiveNoContextTakeover;
    private final String response;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    private PerMessageDeflate(boolean sendNoContextTakeover, boolean receiveNoContextTakeover, String response) {
        this.sendNoContextTakeover = sendNoContextTakeover;
        this.receiveNoContextTakeover = receiveNoContextTakeover;
        this.response = response;
    }

    /**
     * The server's side: the first acceptable permessage-deflate offer of a {@code Sec-WebSocket-Extensions}
     * header, or null if there is none (then the connection goes uncompressed).
     *
     * @param header the client's {@code Sec-WebSocket-Extensions} value, or null if it sent none
     * @return the extension with its {@link #response()}, or null for no compression
     */
    public static PerMessageDeflate negotiateServer(String header) {
        if (header == null) {
            return null;
        }
        for (String offer : header.split(",")) {
            String[] parts = offer.split(";");
            if (!parts[0].strip().equalsIgnoreCase("permessage-deflate")) {
                continue;
            }
            boolean serverNoTakeover = false;
            boolean clientNoTakeover = false;
            boolean ok = true;
            for (int i = 1; i < parts.length && ok; i++) {
                String p = parts[i].strip().toLowerCase(Locale.ROOT);
                if (p.equals("server_no_context_takeover")) {
                    serverNoTakeover = true;
                } else if (p.equals("client_no_context_takeover")) {
                    clientNoTakeover = true;
                } else if (p.startsWith("server_max_window_bits")) {
                    ok = p.replace(" ", "").equals("server_max_window_bits=15");
                } else if (!p.equals("client_max_window_bits") && !p.matches("client_max_window_bits\\s*=\\s*\"?(9|1[0-5])\"?")) {
                    ok = false;
                }
            }
            if (ok) {
                String resp = "permessage-deflate" + (serverNoTakeover ? "; server_no_context_takeover" : "")
                        + (clientNoTakeover ? "; client_no_context_takeover" : "");
                return new PerMessageDeflate(serverNoTakeover, clientNoTakeover, resp);
            }
        }
        return null;
    }

    /**
     * The client's side: the server's {@code Sec-WebSocket-Extensions} answer to {@link #CLIENT_OFFER}.
     *
     * @param header the server's {@code Sec-WebSocket-Extensions} value, or null if it sent none
     * @return the extension, or null if the answer names none
     * @throws IllegalArgumentException if it names something this client did not offer or cannot honour
     */
    public static PerMessageDeflate negotiateClient(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] parts = header.split(";");
        if (header.contains(",") || !parts[0].strip().equalsIgnoreCase("permessage-deflate")) {
            throw new IllegalArgumentException("Invalid extension: " + header);
        }
        boolean serverNoTakeover = false;
        boolean clientNoTakeover = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.equals("server_no_context_takeover")) {
                serverNoTakeover = true;
            } else if (p.equals("client_no_context_takeover")) {
                clientNoTakeover = true;
            } else if (!p.matches("server_max_window_bits\\s*=\\s*\"?(9|1[0-5])\"?")) {
                throw new IllegalArgumentException("Invalid extension: " + header);
            }
        }
        return new PerMessageDeflate(clientNoTakeover, serverNoTakeover, null);
    }

    /** {@return the server's {@code Sec-WebSocket-Extensions} answer (null on the client side)} */
    public String response() {
        return response;
    }

    /**
     * One message's payload compressed (the trailing {@code 00 00 FF FF} removed). Messages must be compressed in
     * the order they are sent: the context runs from one to the next unless {@code no_context_takeover} was agreed.
     *
     * @param data the payload (not changed)
     * @return the compressed payload, a new array
     */
    public byte[] compress(byte[] data) {
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 16);
        byte[] buf = new byte[Math.max(64, Math.min(data.length + 64, 64 * 1024))];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        if (sendNoContextTakeover) {
            deflater.reset();
        }
        byte[] b = out.toByteArray();
        int len = b.length;
        if (len >= 4 && b[len - 4] == 0 && b[len - 3] == 0 && b[len - 2] == (byte) 0xFF && b[len - 1] == (byte) 0xFF) {
            len -= 4;
        }
        return java.util.Arrays.copyOf(b, len);
    }

    /**
     * One message's payload decompressed, at most {@code max} bytes (0: no limit). Messages must be decompressed in
     * the order they arrive.
     *
     * @param data the compressed payload of a whole message (not changed)
     * @param max  the largest decompressed size in bytes, 0 for no limit
     * @return the decompressed payload, a new array
     * @throws WebSocketError {@link WSCloseCode#MESSAGE_TOO_BIG} beyond {@code max}, or
     *                        {@link WSCloseCode#PROTOCOL_ERROR} for data that does not inflate
     */
    public byte[] decompress(byte[] data, int max) {
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 2 + 16);
        byte[] buf = new byte[16 * 1024];
        try {
            inflate(out, buf, max);
            inflater.setInput(TAIL);
            inflate(out, buf, max);
        } catch (DataFormatException e) {
            throw new WebSocketError(WSCloseCode.PROTOCOL_ERROR, "Invalid compressed data: " + e.getMessage());
        }
        if (receiveNoContextTakeover || inflater.finished()) {
            inflater.reset();
        }
        return out.toByteArray();
    }

    private void inflate(ByteArrayOutputStream out, byte[] buf, int max) throws DataFormatException {
        while (true) {
            int n = inflater.inflate(buf);
            out.write(buf, 0, n);
            if (max > 0 && out.size() > max) {
                throw new WebSocketError(WSCloseCode.MESSAGE_TOO_BIG, "Decompressed message size " + out.size()
                        + " exceeds limit " + max);
            }
            if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                return;
            }
        }
    }

    /** Frees the native zlib state. */
    public void end() {
        deflater.end();
        inflater.end();
    }
}
