package io.asyncio4j.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One cookie as a {@code Set-Cookie} field gives it (Python's {@code Morsel}): a name, a value and the attributes
 * as sent. {@link #parse(String)} reads a {@code Set-Cookie} field value by RFC 6265 section 5.2's algorithm; a
 * {@link CookieJar} decides what the attributes mean for a given response and request URL. Immutable.
 *
 * @param name     the cookie's name (not empty)
 * @param value    its value as sent (quotes kept, sent back unchanged)
 * @param domain   the {@code Domain} attribute without a leading dot, lower-cased, or empty if none
 * @param path     the {@code Path} attribute, or empty if none
 * @param expires  the {@code Expires} attribute as sent, or empty
 * @param maxAge   the {@code Max-Age} attribute as sent, or empty
 * @param secure   whether {@code Secure} was given
 * @param httpOnly whether {@code HttpOnly} was given
 * @param sameSite the {@code SameSite} attribute, or empty
 */
public record Cookie(String name, String value, String domain, String path, String expires, String maxAge,
                     boolean secure, boolean httpOnly, String sameSite) {
    /**
     * Checks the components: none may be null, and the name may not be empty.
     *
     * @throws NullPointerException if a {@code String} component is null
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Cookie {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(domain, "domain is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(expires, "expires is null");
        Objects.requireNonNull(maxAge, "maxAge is null");
        Objects.requireNonNull(sameSite, "sameSite is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cookie's name is empty");
        }
    }

    /**
     * A cookie with no attributes: one of the jar's shared cookies, sent to every host.
     *
     * @param name  the name; not empty
     * @param value the value as it is to be sent
     * @return the cookie
     * @throws IllegalArgumentException if {@code name} is empty
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public static Cookie of(String name, String value) {
        return new Cookie(name, value, "", "", "", "", false, false, "");
    }

    /**
     * The same cookie with another domain.
     *
     * @param d the {@code Domain}, without a leading dot, lower-case; empty for none
     * @return a new cookie
     */
    public Cookie withDomain(String d) {
        return new Cookie(name, value, d, path, expires, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * The same cookie with another path.
     *
     * @param p the {@code Path}; empty for none
     * @return a new cookie
     */
    public Cookie withPath(String p) {
        return new Cookie(name, value, domain, p, expires, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * The same cookie with another {@code Max-Age}.
     *
     * @param m the {@code Max-Age} as sent (an optional {@code -} and digits); empty for none
     * @return a new cookie
     */
    public Cookie withMaxAge(String m) {
        return new Cookie(name, value, domain, path, expires, m, secure, httpOnly, sameSite);
    }

    /**
     * The same cookie with another {@code Expires}.
     *
     * @param e the {@code Expires} date as sent; empty for none
     * @return a new cookie
     */
    public Cookie withExpires(String e) {
        return new Cookie(name, value, domain, path, e, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * The same cookie with the {@code Secure} flag set or not.
     *
     * @param s whether {@code Secure} is set
     * @return a new cookie
     */
    public Cookie withSecure(boolean s) {
        return new Cookie(name, value, domain, path, expires, maxAge, s, httpOnly, sameSite);
    }

    /**
     * Parses one {@code Set-Cookie} field value (RFC 6265 section 5.2): the name and value before the first
     * {@code ;} (both trimmed), then the attributes, matched case-insensitively, the last of each kind winning.
     * A {@code Domain} loses one leading dot and is lower-cased; a {@code Max-Age} that is not an optional
     * {@code -} followed by digits is ignored; unknown attributes are ignored.
     *
     * @param setCookie the field value, without the field name; not null
     * @return the cookie, or null if the field has no {@code =} or an empty name (the RFC ignores those)
     */
    public static Cookie parse(String setCookie) {
        String[] parts = setCookie.split(";", -1);
        String pair = parts[0];
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (name.isEmpty()) {
            return null;
        }
        String domain = "";
        String path = "";
        String expires = "";
        String maxAge = "";
        String sameSite = "";
        boolean secure = false;
        boolean httpOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String av = parts[i];
            int e = av.indexOf('=');
            String key = (e < 0 ? av : av.substring(0, e)).strip().toLowerCase(Locale.ROOT);
            String val = e < 0 ? "" : av.substring(e + 1).strip();
            switch (key) {
                case "expires" -> expires = val;
                case "max-age" -> {
                    if (val.matches("-?[0-9]+")) {
                        maxAge = val;
                    }
                }
                case "domain" -> {
                    String d = val.startsWith(".") ? val.substring(1) : val;
                    domain = d.toLowerCase(Locale.ROOT);
                }
                case "path" -> path = val;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = val;
                default -> {
                    // unknown attributes are ignored
                }
            }
        }
        return new Cookie(name, value, domain, path, expires, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * Parses a {@code Cookie} request field ({@code a=1; b=2}) into attribute-less cookies, skipping pairs without
     * {@code =} or with an empty name.
     *
     * @param header the field value; not null
     * @return the cookies in order, in a new modifiable list
     */
    public static List<Cookie> parseRequestHeader(String header) {
        List<Cookie> out = new ArrayList<>();
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && !pair.substring(0, eq).isBlank()) {
                out.add(of(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip()));
            }
        }
        return out;
    }

    /** {@code name=value}, as in a {@code Cookie} request field. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
