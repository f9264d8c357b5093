package io.asyncio4j.http.ws;

import java.util.Set;

/**
 * aiohttp's {@code WSCloseCode}: the close status codes of RFC 6455 section 7.4 as {@code int}s, since a close
 * frame may carry any code from 3000 to 4999 too ({@code ws.close(WSCloseCode.GOING_AWAY, "bye")}).
 */
public final class WSCloseCode {
    /** 1000: normal closure; the purpose of the connection is fulfilled. */
    public static final int OK = 1000;
    /** 1001: the endpoint is going away (a server shutting down, a browser leaving the page). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the WebSocket protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a data type the endpoint cannot accept (binary where only text is understood). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Never sent: the connection closed without a close frame (or the peer did not answer in time). */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: a message's data did not match its type (text that is not valid UTF-8). */
    public static final int INVALID_TEXT = 1007;
    /** 1008: a message violated the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message was too big to process ({@link WSOptions#maxMsgSize()}). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client expected the server to negotiate an extension it did not. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the server is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: the server is overloaded; try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: a gateway or proxy got an invalid response from the upstream server. */
    public static final int BAD_GATEWAY = 1014;

    private static final Set<Integer> ALLOWED = Set.of(OK, GOING_AWAY, PROTOCOL_ERROR, UNSUPPORTED_DATA,
            ABNORMAL_CLOSURE, INVALID_TEXT, POLICY_VIOLATION, MESSAGE_TOO_BIG, MANDATORY_EXTENSION, INTERNAL_ERROR,
            SERVICE_RESTART, TRY_AGAIN_LATER, BAD_GATEWAY);

    private WSCloseCode() {
    }

    /**
     * Whether a received close frame may carry {@code code}: one of the codes above, or 3000 and over, as
     * aiohttp's {@code ALLOWED_CLOSE_CODES} check; anything else is a protocol error.
     *
     * @param code the code of a received close frame
     * @return true if the code is acceptable
     */
    public static boolean isAllowed(int code) {
        return code >= 3000 || ALLOWED.contains(code);
    }
}
