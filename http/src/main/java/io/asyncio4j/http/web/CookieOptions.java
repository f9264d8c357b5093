package io.asyncio4j.http.web;

/**
 * The attributes of a cookie that {@link Response#setCookie(String, String, CookieOptions)} sets: aiohttp's
 * {@code set_cookie} keyword arguments. Null (or false) leaves an attribute out; the path defaults to {@code /}.
 *
 * <pre>{@code
 * response.setCookie("session", id, new CookieOptions().maxAge(3600).httpOnly(true).sameSite("Lax"));
 * }</pre>
 *
 * <p>A plain mutable holder; the response copies what it needs when the cookie is set.
 */
public final class CookieOptions {
    String expires;
    String domain;
    Long maxAge;
    String path = "/";
    boolean secure;
    boolean httpOnly;
    String sameSite;

    /** Path {@code /}, nothing else. */
    public CookieOptions() {
    }

    /**
     * Sets the {@code expires} attribute.
     *
     * @param httpDate an HTTP date such as {@code "Thu, 01 Jan 1970 00:00:00 GMT"}, without CR or LF; null for none
     * @return this
     */
    public CookieOptions expires(String httpDate) {
        this.expires = httpDate;
        return this;
    }

    /**
     * Sets the {@code Domain} attribute.
     *
     * @param domain the domain, without CR or LF; null for none
     * @return this
     */
    public CookieOptions domain(String domain) {
        this.domain = domain;
        return this;
    }

    /**
     * Sets the {@code Max-Age} attribute.
     *
     * @param seconds the lifetime in seconds (0 or less: expire now); null for none
     * @return this
     */
    public CookieOptions maxAge(Long seconds) {
        this.maxAge = seconds;
        return this;
    }

    /**
     * Sets the {@code Max-Age} attribute.
     *
     * @param seconds the lifetime in seconds (0 or less: expire now)
     * @return this
     */
    public CookieOptions maxAge(long seconds) {
        this.maxAge = seconds;
        return this;
    }

    /**
     * Sets the {@code Path} attribute ({@code /} unless set).
     *
     * @param path the path, without CR or LF; null for none
     * @return this
     */
    public CookieOptions path(String path) {
        this.path = path;
        return this;
    }

    /**
     * Sets or clears the {@code Secure} flag.
     *
     * @param secure whether the cookie goes over HTTPS only
     * @return this
     */
    public CookieOptions secure(boolean secure) {
        this.secure = secure;
        return this;
    }

    /**
     * Sets or clears the {@code HttpOnly} flag.
     *
     * @param httpOnly whether scripts in the browser may not read the cookie
     * @return this
     */
    public CookieOptions httpOnly(boolean httpOnly) {
        this.httpOnly = httpOnly;
        return this;
    }

    /**
     * Sets the {@code SameSite} attribute.
     *
     * @param sameSite {@code "Lax"}, {@code "Strict"} or {@code "None"}, sent as given; null for none
     * @return this
     */
    public CookieOptions sameSite(String sameSite) {
        this.sameSite = sameSite;
        return this;
    }

    /**
     * The {@code Set-Cookie} value for {@code name=value} with these attributes, as Python's {@code SimpleCookie}
     * writes it (aiohttp uses it): the value quoted if it has characters outside the cookie-safe set, then the
     * attributes in the order {@code Domain}, {@code expires}, {@code HttpOnly}, {@code Max-Age}, {@code Path},
     * {@code SameSite}, {@code Secure}.
     */
    String render(String name, String value) {
        StringBuilder sb = new StringBuilder(name).append('=').append(quote(value));
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        if (expires != null) {
            sb.append("; expires=").append(expires);
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (maxAge != null) {
            sb.append("; Max-Age=").append(maxAge);
        }
        if (path != null) {
            sb.append("; Path=").append(path);
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(sameSite);
        }
        if (secure) {
            sb.append("; Secure");
        }
        return sb.toString();
    }

    private static final String LEGAL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~:";
    private static final String UNESCAPED = LEGAL + " ()/<=>?@[]{}";

    /** Python's {@code http.cookies._quote}. */
    static String quote(String v) {
        boolean legal = !v.isEmpty();
        for (int i = 0; i < v.length() && legal; i++) {
            legal = LEGAL.indexOf(v.charAt(i)) >= 0;
        }
        if (legal) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 256 && UNESCAPED.indexOf(c) < 0) {
                sb.append('\\').append(String.format("%03o", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
