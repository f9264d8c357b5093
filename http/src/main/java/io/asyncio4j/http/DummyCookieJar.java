package io.asyncio4j.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * aiohttp's {@code DummyCookieJar}: a jar that keeps nothing, for a session that must not store or send cookies
 * (a request's own {@code cookies} option and {@code Cookie} field are still sent). Stateless and thread-safe.
 */
public final class DummyCookieJar implements AbstractCookieJar {
    /** A jar that keeps nothing. */
    public DummyCookieJar() {
    }

    @Override
    public void updateCookies(Iterable<Cookie> cookies, URI responseUrl) {
    }

    @Override
    public Map<String, String> filterCookies(URI requestUrl) {
        return Map.of();
    }

    @Override
    public void clear() {
    }

    @Override
    public void clear(Predicate<Cookie> predicate) {
    }

    @Override
    public void clearDomain(String domain) {
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    public List<Cookie> cookies() {
        return List.of();
    }
}
