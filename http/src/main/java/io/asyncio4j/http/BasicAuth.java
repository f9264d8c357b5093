package io.asyncio4j.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * aiohttp's {@code BasicAuth}: credentials sent as {@code Authorization: Basic base64(login:password)}. The login
 * may not contain a colon. Immutable.
 *
 * @param login    the user name; not null, without a colon
 * @param password the password; not null, may be empty
 */
public record BasicAuth(String login, String password) {
    /**
     * Checks the credentials.
     *
     * @throws NullPointerException if {@code login} or {@code password} is null
     * @throws IllegalArgumentException if {@code login} contains a colon
     */
    public BasicAuth {
        Objects.requireNonNull(login, "BasicAuth: login is null");
        Objects.requireNonNull(password, "BasicAuth: password is null");
        if (login.indexOf(':') >= 0) {
            throw new IllegalArgumentException("BasicAuth: a \":\" is not allowed in the login");
        }
    }

    /**
     * {@return the {@code Authorization} header's value: {@code Basic} and the base64 of {@code login:password} in
     * UTF-8 ({@code Basic dXNlcjpwYXNz})}
     */
    public String encode() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The credentials of a URL's raw user info ({@code login:password}, percent-encoded), as yarl reads them:
     * {@code %XX} escapes decoded, a {@code +} kept as it is; null if {@code rawUserInfo} is null.
     *
     * @throws InvalidURL naming {@code url} for a malformed escape or a colon in the login
     */
    static BasicAuth fromUserInfo(String rawUserInfo, String url) {
        if (rawUserInfo == null) {
            return null;
        }
        int colon = rawUserInfo.indexOf(':');
        try {
            return new BasicAuth(percentDecode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon)),
                    colon < 0 ? "" : percentDecode(rawUserInfo.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new InvalidURL(url, "Invalid credentials in the URL (" + e.getMessage() + ")");
        }
    }

    private static String percentDecode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8); // a form decoder, but for the +
    }

    @Override
    public String toString() {
        return "BasicAuth[login=" + login + ", password=***]";
    }
}
