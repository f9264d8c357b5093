package io.asyncio4j.http.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/** The handshake's one computation (RFC 6455 section 4.2.2), shared by server and client. */
public final class WSHandshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WSHandshake() {
    }

    /**
     * The subprotocol both sides speak: the first of {@code header}'s comma-separated names (the peer's
     * {@code Sec-WebSocket-Protocol}) that {@code ours} lists, or null.
     *
     * @param header the peer's {@code Sec-WebSocket-Protocol} value, or null if it sent none
     * @param ours   the subprotocols this side speaks; not null
     * @return the chosen name, or null if there is none in common
     */
    public static String chooseProtocol(String header, List<String> ours) {
        if (header != null && !ours.isEmpty()) {
            for (String p : header.split(",")) {
                if (ours.contains(p.strip())) {
                    return p.strip();
                }
            }
        }
        return null;
    }

    /**
     * The {@code Sec-WebSocket-Accept} value for {@code key}: base64(SHA-1(key + the RFC's GUID)).
     *
     * @param key the client's {@code Sec-WebSocket-Key}, trimmed
     * @return the value the server answers with, and the client expects
     */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-1 is always there", e);
        }
    }
}
