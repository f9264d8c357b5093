package io.asyncio4j.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * aiohttp's {@code BasicAuth}: credentials sent as {@code Authorization: Basic base64(login:password)}. The login
 * may not contain a colon. Immutable.
 */
public record BasicAuth(String login, String password) {
    public BasicAuth {
        Objects.requireNonNull(login, "BasicAuth: login is null");
        Objects.requireNonNull(password, "BasicAuth: password is null");
        if (login.indexOf(':') >= 0) {
            throw new IllegalArgumentException("BasicAuth: a \":\" is not allowed in the login");
        }
    }

    /** The {@code Authorization} header's value: {@code Basic dXNlcjpwYXNz}. */
    public String encode() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicAuth[login=" + login + ", password=***]";
    }
}
