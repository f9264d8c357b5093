package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.PercentEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A named route's resource, aiohttp's {@code router["name"]}: it builds URLs that the route matches
 * ({@code url_for}).
 *
 * <pre>{@code
 * app.router().get("/users/{id}", user, "user");
 * String url = app.router().named("user").urlFor(Map.of("id", "a b"));            // "/users/a%20b"
 * String page = app.router().named("user").urlFor(Map.of("id", "7"), Map.of("tab", "posts")); // "/users/7?tab=posts"
 * app.router().addStatic("/static", root, StaticOptions.DEFAULT.name("static"));
 * String css = app.router().named("static").urlFor("css/site.css");            // "/static/css/site.css"
 * }</pre>
 *
 * <p>URLs are paths (and queries), percent-encoded as yarl does: a variable's value keeps the characters a path
 * segment may hold ({@code A-Z a-z 0-9 - . _ ~ ! $ & ' ( ) * + , ; = : @}) and encodes everything else as UTF-8
 * bytes, {@code /} and {@code %} included, so that the route matches the URL and gives the value back exactly (aiohttp
 * 3.8 leaves a {@code /} in a value as it is, which the route then does not match). The literal parts of the path are
 * encoded the same way but keep their {@code /}. Query names and values are encoded as yarl's {@code with_query}: a
 * space becomes {@code +}, and {@code ? / : @} stay. A route of a sub-application gets the prefixes it is served
 * under, as they are when the URL is built. Immutable; any thread.
 */
public final class Resource {
    private final Router router;
    private final String name;
    private final String path;
    private final boolean isStatic;
    /** The path in order: literal text, or a variable's name (odd indexes are variables). */
    private final List<String> tokens;
    private final Set<String> variables;

    Resource(Router router, String name, String path, boolean isStatic) {
        this.router = router;
        this.name = name;
        this.path = path;
        this.isStatic = isStatic;
        List<String> t = new ArrayList<>();
        Set<String> vars = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int depth = 0;
            int j = i;
            for (; j < path.length(); j++) {
                if (path.charAt(j) == '{') {
                    depth++;
                } else if (path.charAt(j) == '}' && --depth == 0) {
                    break;
                }
            }
            String var = path.substring(i + 1, j); // the router checked the path
            int colon = var.indexOf(':');
            String v = colon < 0 ? var : var.substring(0, colon);
            t.add(literal.toString());
            t.add(v);
            vars.add(v);
            literal.setLength(0);
            i = j + 1;
        }
        t.add(literal.toString());
        this.tokens = List.copyOf(t);
        this.variables = Collections.unmodifiableSet(vars);
    }

    /** {@return the route's name} */
    public String name() {
        return name;
    }

    /** {@return the route's path as added ({@code /users/{id}}), without any sub-application prefix} */
    public String path() {
        return path;
    }

    /** {@return the names of the path's variables, in order; an unmodifiable set} */
    public Set<String> variables() {
        return variables;
    }

    /**
     * aiohttp's {@code url_for()} for a path without variables.
     *
     * @return the URL's path, encoded, with the sub-application prefixes
     * @throws IllegalArgumentException if the path has variables
     */
    public String urlFor() {
        return urlFor(Map.of());
    }

    /**
     * aiohttp's {@code url_for(**parts)}: the path with each variable replaced by its value, encoded.
     *
     * @param parts the variables' values by name; no value null
     * @return the URL's path, encoded, with the sub-application prefixes
     * @throws IllegalArgumentException if a variable has no value, or a value names no variable
     * @throws NullPointerException if {@code parts} is null
     */
    public String urlFor(Map<String, String> parts) {
        Objects.requireNonNull(parts, "parts");
        for (String k : parts.keySet()) {
            if (!variables.contains(k)) {
                throw new IllegalArgumentException("route '" + name + "' (" + path + ") has no variable '" + k
                        + "'" + (variables.isEmpty() ? "" : "; its variables: " + variables));
            }
        }
        StringBuilder sb = new StringBuilder(router.prefix());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (i % 2 == 0) {
                PercentEncoder.appendPath(sb, t);
            } else {
                String v = parts.get(t);
                if (v == null) {
                    throw new IllegalArgumentException("missing part '" + t + "' to build the URL of route '" + name
                            + "' (" + path + ")");
                }
                PercentEncoder.appendPathSegment(sb, v);
            }
        }
        return sb.toString();
    }

    /**
     * {@code url_for(**parts).with_query(query)}: as {@link #urlFor(Map)}, then {@code ?} and the query; a value may
     * be an {@link Iterable} (the name repeated for each element), else its {@code toString()}.
     *
     * @param parts the variables' values by name; no value null
     * @param query the query parameters in the map's iteration order; no value (or element) null; empty for no
     *              {@code ?}
     * @return the URL's path and query, encoded
     * @throws IllegalArgumentException as {@link #urlFor(Map)}
     * @throws NullPointerException if {@code parts} or {@code query} is null, or a query value is
     */
    public String urlFor(Map<String, String> parts, Map<String, ?> query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sb = new StringBuilder(urlFor(parts));
        char sep = '?';
        for (Map.Entry<String, ?> e : query.entrySet()) {
            Iterable<?> values = e.getValue() instanceof Iterable<?> it ? it : List.of(e.getValue());
            for (Object v : values) {
                sb.append(sep);
                sep = '&';
                PercentEncoder.appendQuery(sb, e.getKey());
                sb.append('=');
                PercentEncoder.appendQuery(sb, String.valueOf(Objects.requireNonNull(v, "query value of " + e.getKey())));
            }
        }
        return sb.toString();
    }

    /**
     * aiohttp's {@code url_for(filename=...)} of a static route: the prefix and the file's name (leading
     * {@code /} dropped; its {@code /} separate segments), encoded.
     *
     * @param filename the file's path relative to the static root; not null
     * @return the URL's path, encoded, with the sub-application prefixes
     * @throws IllegalStateException if the route is not a static one ({@link Router#addStatic})
     * @throws NullPointerException if {@code filename} is null
     */
    public String urlFor(String filename) {
        Objects.requireNonNull(filename, "filename");
        if (!isStatic) {
            throw new IllegalStateException("route '" + name + "' (" + path + ") is not a static route: use "
                    + "urlFor(Map) with its variables " + variables);
        }
        int k = 0;
        while (k < filename.length() && filename.charAt(k) == '/') {
            k++;
        }
        StringBuilder sb = new StringBuilder(router.prefix());
        PercentEncoder.appendPath(sb, tokens.get(0));
        PercentEncoder.appendPath(sb, filename.substring(k));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "<Resource '" + name + "' " + router.prefix() + path + ">";
    }
}
