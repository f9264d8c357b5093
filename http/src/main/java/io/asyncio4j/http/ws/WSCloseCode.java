package io.asyncio4j.http.ws;

import java.util.Set;

/**
 * aiohttp's {@code WSCloseCode}: the close status codes of RFC 6455 section 7.4 as {@code int}s, since a close
 * frame may carry any code from 3000 to 4999 too ({@code ws.close(WSCloseCode.GOING_AWAY, "bye")}).
 */
public final class WSCloseCode {
    public static final int OK = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Never sent: the connection closed without a close frame (or the peer did not answer in time). */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int INVALID_TEXT = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int BAD_GATEWAY = 1014;

    private static final Set<Integer> ALLOWED = Set.of(OK, GOING_AWAY, PROTOCOL_ERROR, UNSUPPORTED_DATA,
            ABNORMAL_CLOSURE, INVALID_TEXT, POLICY_VIOLATION, MESSAGE_TOO_BIG, MANDATORY_EXTENSION, INTERNAL_ERROR,
            SERVICE_RESTART, TRY_AGAIN_LATER, BAD_GATEWAY);

    private WSCloseCode() {
    }

    /**
     * Whether a received close frame may carry {@code code}: one of the codes above, or 3000 and over, as
     * aiohttp's {@code ALLOWED_CLOSE_CODES} check; anything else is a protocol error.
     */
    public static boolean isAllowed(int code) {
        return code >= 3000 || ALLOWED.contains(code);
    }
}
