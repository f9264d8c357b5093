package io.asyncio4j.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asyncio4j.http.internal.Hosts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * aiohttp's {@code CookieJar}: cookie storage by RFC 6265's rules, as aiohttp 3.8 applies them.
 *
 * <p><b>Storing</b> ({@link #updateCookies}). Cookies from a response whose host is an IP address are dropped
 * unless the jar is {@code unsafe}. A cookie without {@code Domain} (or whose {@code Domain} ends with a dot) is
 * <em>host-only</em>: it goes back to the response's host only. A cookie with a {@code Domain} is kept only if the
 * response's host domain-matches it (is it, or a subdomain of it), and then goes to that domain and its subdomains.
 * A missing {@code Path}, or one not starting with {@code /}, becomes the response path's directory
 * ({@code /a/b/c} gives {@code /a/b}). {@code Max-Age} (seconds from now; 0 or less removes the cookie) wins over
 * {@code Expires} (RFC 6265's lenient date format); a date in the past removes the cookie. A cookie replaces the
 * one with the same domain, path and name.
 *
 * <p><b>Sending</b> ({@link #filterCookies}). A cookie goes with a request if its domain and path match the
 * request URL's host and path (RFC 6265 section 5.1.3 and 5.1.4), if it is not {@code Secure} or the URL is
 * {@code https} (or an origin the jar treats as secure), and if it has not expired. To an IP-address host only the
 * shared cookies go, unless the jar is {@code unsafe}. Shared cookies (stored without a URL) go everywhere.
 *
 * <p>Expiry uses the jar's {@link Clock} (the system UTC clock unless given). A jar belongs to its session's loop
 * thread: it is not thread-safe.
 *
 * <p><b>Saving</b> ({@link #save(Path)}, {@link #load(Path)}). Where aiohttp pickles the jar, this one writes UTF-8
 * JSON, a format of its own:
 * <pre>{@code
 * {"format": "asyncio4j-cookie-jar", "version": 1, "cookies": [
 *   {"name": "sid", "value": "abc", "domain": "example.org", "path": "/", "hostOnly": true,
 *    "secure": true, "httpOnly": true, "sameSite": "Lax", "expires": "", "maxAge": "3600",
 *    "expiry": "2026-01-01T00:00:00Z"}]}
 * }</pre>
 * {@code domain} is the domain the cookie goes to (empty for a shared cookie), {@code hostOnly} whether it goes to
 * that host only; {@code expires} and {@code maxAge} are the attributes as received; {@code expiry} is the instant
 * the cookie expires (ISO-8601), or null for a session cookie. Every field but {@code expiry} is required.
 */
public final class CookieJar implements AbstractCookieJar {
    private static final Pattern DATE_TOKENS = Pattern.compile(
            "[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]*([\\x00-\\x08\\x0A-\\x1F\\d:a-zA-Z\\x7F-\\xFF]+)");
    private static final Pattern HMS = Pattern.compile("(\\d{1,2}):(\\d{1,2}):(\\d{1,2})");
    private static final Pattern DAY = Pattern.compile("(\\d{1,2})");
    private static final Pattern YEAR = Pattern.compile("(\\d{2,4})");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private record Key(String domain, String path, String name) {
    }

    private record Stored(Cookie cookie, boolean hostOnly, Instant expiry) {
    }

    private final boolean unsafe;
    private final List<String> secureOrigins;
    private final Clock clock;
    private final Map<Key, Stored> cookies = new LinkedHashMap<>();

    /** A jar that refuses cookies from IP-address hosts, on the system clock. */
    public CookieJar() {
        this(false);
    }

    /**
     * A jar on the system clock, aiohttp's {@code CookieJar(unsafe=...)}.
     *
     * @param unsafe whether to accept cookies from (and send them to) hosts given as IP addresses
     */
    public CookieJar(boolean unsafe) {
        this(unsafe, List.of(), Clock.systemUTC());
    }

    /**
     * A jar with every setting, aiohttp's {@code CookieJar(unsafe=..., treat_as_secure_origin=...)}.
     *
     * @param unsafe              whether to accept cookies from (and send them to) IP-address hosts
     * @param treatAsSecureOrigin origins ({@code http://host:port}) to which {@code Secure} cookies go as to https
     * @param clock               the clock that decides expiry
     * @throws IllegalArgumentException if an origin is not a valid URI
     * @throws NullPointerException if {@code treatAsSecureOrigin} or {@code clock} is null
     */
    public CookieJar(boolean unsafe, List<String> treatAsSecureOrigin, Clock clock) {
        this.unsafe = unsafe;
        List<String> origins = new ArrayList<>();
        for (String o : treatAsSecureOrigin) {
            origins.add(Hosts.origin(URI.create(o)));
        }
        this.secureOrigins = List.copyOf(origins);
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** {@return whether cookies of IP-address hosts are accepted} */
    public boolean unsafe() {
        return unsafe;
    }

    @Override
    public void updateCookies(Iterable<Cookie> received, URI responseUrl) {
        if (received instanceof Collection<Cookie> c && c.isEmpty()) { // most answers set none: skip the host checks
            expire();
            return;
        }
        String hostname = responseUrl == null ? null : Hosts.of(responseUrl);
        if (!unsafe && hostname != null && isIpAddress(hostname)) {
            return;
        }
        Instant now = clock.instant();
        for (Cookie c : received) {
            String domain = c.domain();
            if (domain.endsWith(".")) {
                domain = "";
            }
            boolean hostOnly = false;
            if (domain.isEmpty() && hostname != null) {
                hostOnly = true;
                domain = hostname;
            }
            if (domain.startsWith(".")) {
                domain = domain.substring(1);
            }
            if (hostname != null && !domainMatch(domain, hostname)) {
                continue;       // a cookie for another domain
            }
            String path = c.path();
            if (path.isEmpty() || !path.startsWith("/")) {
                String p = responseUrl == null || responseUrl.getPath() == null ? "" : responseUrl.getPath();
                path = p.startsWith("/") ? "/" + p.substring(1, Math.max(1, p.lastIndexOf('/'))) : "/";
            }
            Instant expiry = null;
            String maxAge = c.maxAge();
            String expires = c.expires();
            if (!maxAge.isEmpty()) {
                try {
                    long seconds = Long.parseLong(maxAge);
                    expiry = seconds <= 0 ? Instant.MIN : now.plusSeconds(Math.min(seconds, 400L * 366 * 86400));
                } catch (NumberFormatException e) {
                    maxAge = "";
                }
            } else if (!expires.isEmpty()) {
                expiry = parseDate(expires);
                if (expiry == null) {
                    expires = "";
                }
            }
            Cookie stored = new Cookie(c.name(), c.value(), domain, path, expires, maxAge, c.secure(),
                    c.httpOnly(), c.sameSite());
            Key key = new Key(domain, path, c.name());
            cookies.remove(key);
            cookies.put(key, new Stored(stored, hostOnly, expiry));
        }
        expire();
    }

    @Override
    public Map<String, String> filterCookies(URI requestUrl) {
        expire();
        if (cookies.isEmpty()) {
            return new TreeMap<>();
        }
        String hostname = Hosts.of(requestUrl);
        boolean notSecure = !"https".equalsIgnoreCase(requestUrl.getScheme())
                && !"wss".equalsIgnoreCase(requestUrl.getScheme()) && !secureOrigins.contains(Hosts.origin(requestUrl));
        String reqPath = requestUrl.getPath() == null ? "" : requestUrl.getPath();
        Map<String, String> out = new TreeMap<>();
        for (Stored s : cookies.values()) {
            Cookie c = s.cookie();
            String domain = c.domain();
            if (domain.isEmpty()) {
                out.put(c.name(), c.value());
                continue;
            }
            if (!unsafe && isIpAddress(hostname)) {
                continue;
            }
            if (s.hostOnly() ? !domain.equals(hostname) : !domainMatch(domain, hostname)) {
                continue;
            }
            if (!pathMatch(reqPath, c.path())) {
                continue;
            }
            if (notSecure && c.secure()) {
                continue;
            }
            out.put(c.name(), c.value());
        }
        return out;
    }

    @Override
    public void clear() {
        cookies.clear();
    }

    @Override
    public void clear(Predicate<Cookie> predicate) {
        Instant now = clock.instant();
        cookies.values().removeIf(s -> (s.expiry() != null && !s.expiry().isAfter(now)) || predicate.test(s.cookie()));
    }

    @Override
    public void clearDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        clear(c -> domainMatch(d, c.domain()));
    }

    @Override
    public int size() {
        expire();
        return cookies.size();
    }

    @Override
    public List<Cookie> cookies() {
        expire();
        List<Cookie> out = new ArrayList<>(cookies.size());
        for (Stored s : cookies.values()) {
            out.add(s.cookie());
        }
        return out;
    }

    // ---- save and load ----

    private static final String FORMAT = "asyncio4j-cookie-jar";

    /**
     * The mapper of the jar's file format: the library's own, not the user's {@code JsonCodec}, so that a codec
     * configured for an application's bodies cannot change how cookies are saved. A holder, so that Jackson is
     * loaded by the first {@link #save} or {@link #load} only.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * Writes the jar's cookies (not expired) to {@code file} in the JSON format above (aiohttp's
     * {@code save(file_path)}), replacing it: written to a temporary file next to it, then moved over it, so a
     * reader never sees half a file. It blocks on file I/O; call it from a worker thread
     * ({@code Asyncio.toThread}) to keep the loop running.
     *
     * @param file the file to write
     * @throws IOException if the file cannot be written
     * @throws NullPointerException if {@code file} is null
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file is null");
        expire();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ArrayNode list = root.putArray("cookies");
        for (Stored s : cookies.values()) {
            Cookie c = s.cookie();
            ObjectNode o = list.addObject();
            o.put("name", c.name());
            o.put("value", c.value());
            o.put("domain", c.domain());
            o.put("path", c.path());
            o.put("hostOnly", s.hostOnly());
            o.put("secure", c.secure());
            o.put("httpOnly", c.httpOnly());
            o.put("sameSite", c.sameSite());
            o.put("expires", c.expires());
            o.put("maxAge", c.maxAge());
            if (s.expiry() == null) {
                o.putNull("expiry");
            } else {
                o.put("expiry", s.expiry().toString());
            }
        }
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Replaces the jar's cookies with those {@link #save(Path)} wrote to {@code file} (aiohttp's
     * {@code load(file_path)}), but for those expired by now on the jar's clock, which are dropped. The jar is
     * unchanged if the file cannot be read or is not such a file. It blocks on file I/O.
     *
     * @param file the file to read
     * @throws IOException if the file cannot be read, or is not a cookie jar file of this format (the message
     *         names the file and what is wrong)
     * @throws NullPointerException if {@code file} is null
     */
    public void load(Path file) throws IOException {
        Objects.requireNonNull(file, "file is null");
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            // instanceof, not a catch clause: verifying CookieJar then loads no Jackson class (JsonCodecTest)
            if (e instanceof JsonProcessingException p) {
                throw new IOException("Cannot load cookies from " + file + ": not JSON (" + p.getOriginalMessage()
                        + ")", e);
            }
            throw e;
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IOException("Cannot load cookies from " + file + ": not a cookie jar file (no \"format\": \""
                    + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != 1) {
            throw new IOException("Cannot load cookies from " + file + ": unknown version " + root.get("version"));
        }
        JsonNode list = root.get("cookies");
        if (list == null || !list.isArray()) {
            throw new IOException("Cannot load cookies from " + file + ": \"cookies\" is not an array");
        }
        Instant now = clock.instant();
        Map<Key, Stored> loaded = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode o : list) {
            String where = "Cannot load cookies from " + file + ": cookie " + i++;
            try {
                Instant expiry = null;
                JsonNode e = o.get("expiry");
                if (e != null && !e.isNull()) {
                    expiry = Instant.parse(e.asText());
                }
                Cookie c = new Cookie(text(o, "name"), text(o, "value"), text(o, "domain"), text(o, "path"),
                        text(o, "expires"), text(o, "maxAge"), bool(o, "secure"), bool(o, "httpOnly"),
                        text(o, "sameSite"));
                boolean hostOnly = bool(o, "hostOnly");
                checkSendable(c);
                if (expiry != null && !expiry.isAfter(now)) {
                    continue;
                }
                loaded.put(new Key(c.domain(), c.path(), c.name()), new Stored(c, hostOnly, expiry));
            } catch (DateTimeException | IllegalArgumentException | NullPointerException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        cookies.clear();
        cookies.putAll(loaded);
    }

    /**
     * A loaded cookie goes into {@code Cookie} request fields as it is: a name that is not a token, or a semicolon or
     * control character anywhere, would add cookies of its own or break every request to its domain.
     */
    private static void checkSendable(Cookie c) {
        for (int i = 0; i < c.name().length(); i++) {
            if (!Headers.isTokenChar(c.name().charAt(i))) {
                throw new IllegalArgumentException("the name " + c.name() + " is not a token");
            }
        }
        for (String v : new String[] {c.value(), c.domain(), c.path()}) {
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == ';' || ch < 0x20 || ch == 0x7f) {
                    throw new IllegalArgumentException("a semicolon or control character in " + c.name());
                }
            }
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not true/false");
        }
        return v.asBoolean();
    }

    private void expire() {
        clear(c -> false);
    }

    // ---- RFC 6265's rules ----

    /** Domain matching (RFC 6265 section 5.1.3): equal, or a subdomain that is not an IP address. */
    static boolean domainMatch(String domain, String hostname) {
        if (hostname.equals(domain)) {
            return true;
        }
        if (!hostname.endsWith(domain)) {
            return false;
        }
        String rest = hostname.substring(0, hostname.length() - domain.length());
        return rest.endsWith(".") && !isIpAddress(hostname);
    }

    /** Path matching (RFC 6265 section 5.1.4). */
    static boolean pathMatch(String reqPath, String cookiePath) {
        if (!reqPath.startsWith("/")) {
            reqPath = "/";
        }
        if (reqPath.equals(cookiePath)) {
            return true;
        }
        if (!reqPath.startsWith(cookiePath)) {
            return false;
        }
        return cookiePath.endsWith("/") || reqPath.substring(cookiePath.length()).startsWith("/");
    }

    /** Whether {@code host} is an IPv4 dotted quad or an IPv6 address (brackets removed). */
    static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    /**
     * Parses a cookie date by RFC 6265 section 5.1.1 (any order of time, day, month and year tokens; two-digit
     * years 70-99 are 19xx, 00-69 20xx).
     *
     * @return the instant, or null if the date is not valid
     */
    static Instant parseDate(String s) {
        boolean foundTime = false;
        boolean foundDay = false;
        boolean foundMonth = false;
        boolean foundYear = false;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int day = 0;
        int month = 0;
        int year = 0;
        Matcher tokens = DATE_TOKENS.matcher(s);
        while (tokens.find()) {
            String token = tokens.group(1);
            Matcher m;
            if (!foundTime && (m = HMS.matcher(token)).lookingAt()) {
                foundTime = true;
                hour = Integer.parseInt(m.group(1));
                minute = Integer.parseInt(m.group(2));
                second = Integer.parseInt(m.group(3));
                continue;
            }
            if (!foundDay && (m = DAY.matcher(token)).lookingAt()) {
                foundDay = true;
                day = Integer.parseInt(m.group(1));
                continue;
            }
            if (!foundMonth && token.length() >= 3
                    && MONTHS.contains(token.substring(0, 3).toLowerCase(Locale.ROOT))) {
                foundMonth = true;
                month = MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
                continue;
            }
            if (!foundYear && (m = YEAR.matcher(token)).lookingAt()) {
                foundYear = true;
                year = Integer.parseInt(m.group(1));
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (!foundDay || !foundMonth || !foundYear || !foundTime) {
            return null;
        }
        if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;        // 31 April and the like
        }
    }

    @Override
    public String toString() {
        return "<CookieJar " + cookies.size() + " cookies" + (unsafe ? " unsafe" : "") + ">";
    }
}
