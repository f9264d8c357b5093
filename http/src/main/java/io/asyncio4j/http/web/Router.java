package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.PercentEncoder;
import io.asyncio4j.http.internal.Urls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * aiohttp's {@code UrlDispatcher}: routes from method and path to {@link Handler}s.
 *
 * <pre>{@code
 * app.router()
 *    .get("/", index)
 *    .get("/users/{name}", user)                 // request.matchInfo("name"): one path segment, decoded
 *    .put("/items/{id:\\d+}", putItem)           // {name:regex}: the segment(s) must match the regex
 *    .route("*", "/echo", echo);                 // any method
 * }</pre>
 *
 * <p><b>Resolution.</b> Routes are tried in the order they were added; the first whose path matches and that has
 * the request's method (or {@code "*"}) handles it. A {@code GET} route also answers {@code HEAD} (without the
 * body), unless a {@code HEAD} route was added for the path. A path that matches only routes of other methods gets
 * {@link HTTPMethodNotAllowed} (405, with {@code Allow}); a path that matches nothing, {@link HTTPNotFound} (404).
 * Paths are matched decoded, except that {@code %2F} and {@code %25} stay encoded while matching, so an encoded
 * slash never splits a segment; match-info values are then fully decoded.
 *
 * <p><b>Names.</b> A route added with a name ({@code get(path, handler, "user")}, aiohttp's {@code name=}) can
 * build its URLs: {@link #named(String)} gives its {@link Resource}, whose {@code urlFor} fills the path's variables
 * in, percent-encoded, with the prefixes of the sub-applications it is served under.
 *
 * <p>Routes are added before the application starts; once it runs, the router is frozen and adding throws
 * {@link IllegalStateException}. Resolution is for the loop's thread; {@link #named} and {@link #names} for any
 * thread once the router is frozen.
 */
public final class Router {
    private final List<Entry> resources = new ArrayList<>();
    private boolean frozen;
    /** The application whose router this is. */
    private final Application owner;
    private final Map<String, Resource> named = new LinkedHashMap<>();

    /** A router of no application (its URLs have no prefix). */
    Router() {
        this(null);
    }

    Router(Application owner) {
        this.owner = owner;
    }

    /**
     * aiohttp's {@code add_get}: adds a {@code GET} route, which answers {@code HEAD} too.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @return this router
     * @throws IllegalArgumentException for a malformed path, as {@link #route(String, String, Handler)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router get(String path, Handler handler) {
        return route("GET", path, handler);
    }

    /**
     * Adds a {@code GET} route named {@code name}, which answers {@code HEAD} too.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @param name    the route name for {@link #named}, or null for none
     * @return this router
     * @throws IllegalArgumentException for a malformed path or name, as {@link #route(String, String, Handler, String)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router get(String path, Handler handler, String name) {
        return route("GET", path, handler, name);
    }

    /**
     * Adds a {@code POST} route named {@code name}.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @param name    the route name for {@link #named}, or null for none
     * @return this router
     * @throws IllegalArgumentException for a malformed path or name, as {@link #route(String, String, Handler, String)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router post(String path, Handler handler, String name) {
        return route("POST", path, handler, name);
    }

    /**
     * Adds a {@code PUT} route named {@code name}.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @param name    the route name for {@link #named}, or null for none
     * @return this router
     * @throws IllegalArgumentException for a malformed path or name, as {@link #route(String, String, Handler, String)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router put(String path, Handler handler, String name) {
        return route("PUT", path, handler, name);
    }

    /**
     * Adds a {@code PATCH} route named {@code name}.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @param name    the route name for {@link #named}, or null for none
     * @return this router
     * @throws IllegalArgumentException for a malformed path or name, as {@link #route(String, String, Handler, String)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router patch(String path, Handler handler, String name) {
        return route("PATCH", path, handler, name);
    }

    /**
     * Adds a {@code DELETE} route named {@code name}.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @param name    the route name for {@link #named}, or null for none
     * @return this router
     * @throws IllegalArgumentException for a malformed path or name, as {@link #route(String, String, Handler, String)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router delete(String path, Handler handler, String name) {
        return route("DELETE", path, handler, name);
    }

    /**
     * aiohttp's {@code add_post}: adds a {@code POST} route.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @return this router
     * @throws IllegalArgumentException for a malformed path, as {@link #route(String, String, Handler)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router post(String path, Handler handler) {
        return route("POST", path, handler);
    }

    /**
     * aiohttp's {@code add_put}: adds a {@code PUT} route.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @return this router
     * @throws IllegalArgumentException for a malformed path, as {@link #route(String, String, Handler)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router put(String path, Handler handler) {
        return route("PUT", path, handler);
    }

    /**
     * aiohttp's {@code add_patch}: adds a {@code PATCH} route.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @return this router
     * @throws IllegalArgumentException for a malformed path, as {@link #route(String, String, Handler)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router patch(String path, Handler handler) {
        return route("PATCH", path, handler);
    }

    /**
     * aiohttp's {@code add_delete}: adds a {@code DELETE} route.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @return this router
     * @throws IllegalArgumentException for a malformed path, as {@link #route(String, String, Handler)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router delete(String path, Handler handler) {
        return route("DELETE", path, handler);
    }

    /**
     * aiohttp's {@code add_head}: adds a {@code HEAD} route (it replaces the automatic answer of the path's {@code GET}
     * route).
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @return this router
     * @throws IllegalArgumentException for a malformed path, as {@link #route(String, String, Handler)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router head(String path, Handler handler) {
        return route("HEAD", path, handler);
    }

    /**
     * Adds an {@code OPTIONS} route.
     *
     * @param path    the path pattern, starting with {@code /} (see {@link #route(String, String, Handler)})
     * @param handler the handler; not null
     * @return this router
     * @throws IllegalArgumentException for a malformed path, as {@link #route(String, String, Handler)}
     * @throws IllegalStateException if the method is already routed for this path, or the application is running
     */
    public Router options(String path, Handler handler) {
        return route("OPTIONS", path, handler);
    }

    /**
     * aiohttp's {@code add_route(method, path, handler)}: adds a route for {@code method} on {@code path}.
     * {@code {name}} in the path matches one non-empty segment, {@code {name:regex}} what the regex matches; the
     * values are the request's {@link Request#matchInfo(String)}.
     *
     * @param method  the method, a token (case-insensitive), or {@code "*"} for any
     * @param path    the path pattern, starting with {@code /}
     * @param handler the handler; not null
     * @return this router
     * @throws IllegalArgumentException for a malformed method, path or regex, or a variable named twice
     * @throws IllegalStateException if the method is already routed for this path (the route could never run), or
     *                               the application is running
     */
    public Router route(String method, String path, Handler handler) {
        return route(method, path, handler, null);
    }

    /**
     * aiohttp's {@code add_route(method, path, handler, name=name)}: as {@link #route(String, String, Handler)},
     * the path's resource being named {@code name} for {@link #named} (null: no name). The routes of several methods
     * on one path may share its name.
     *
     * @param method  the method, a token (case-insensitive), or {@code "*"} for any
     * @param path    the path pattern, starting with {@code /}
     * @param handler the handler; not null
     * @param name    the route name, or null for none
     * @return this router
     * @throws IllegalArgumentException as {@link #route(String, String, Handler)}; if the name is not a sequence of
     *                                  identifiers separated by {@code .}, {@code :} or {@code -}, if another
     *                                  route has it, or if the path's routes have another name
     * @throws IllegalStateException as {@link #route(String, String, Handler)}
     */
    public Router route(String method, String path, Handler handler, String name) {
        return route(method, path, handler, name, false);
    }

    private Router route(String method, String path, Handler handler, String name, boolean isStatic) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (frozen) {
            throw new IllegalStateException("cannot add route " + method + " " + path
                    + ": the application is running and its router is frozen");
        }
        if (!method.equals("*")) {
            for (int i = 0; i < method.length(); i++) {
                if (!io.asyncio4j.http.Headers.isTokenChar(method.charAt(i))) {
                    throw new IllegalArgumentException("method " + method + " is not a token");
                }
            }
            method = method.toUpperCase(java.util.Locale.ROOT);
        }
        Entry res = null;
        for (Entry r : resources) {
            if (r.subapp == null && r.path.equals(path)) {
                res = r;
            }
        }
        // every check before the router changes: a refused route leaves nothing behind
        if (res != null && (res.handlers.containsKey(method) || res.handlers.containsKey("*"))) {
            throw new IllegalStateException("Added route will never be executed, method " + method
                    + " is already registered for " + path);
        }
        if (name != null) {
            checkName(name);
            if (res != null && res.name != null && !res.name.equals(name)) {
                throw new IllegalArgumentException("the routes of " + path + " are named '" + res.name
                        + "', not '" + name + "'");
            }
            Resource other = named.get(name);
            if (other != null && !other.path().equals(path)) {
                throw new IllegalArgumentException("Duplicate route name '" + name + "', already used by "
                        + other);
            }
        }
        if (res == null) {
            res = new Entry(path);
            resources.add(res);
        }
        if (name != null && res.name == null) {
            res.name = name;
            named.put(name, new Resource(this, name, path, isStatic));
        }
        res.handlers.put(method, handler);
        return this;
    }

    /**
     * aiohttp's {@code add_static(prefix, path)}: serves the files under {@code root} at {@code prefix/...} with
     * {@link FileResponse} ({@code GET} and {@code HEAD}); {@code prefix} itself, without a slash, is the root
     * directory (a 403, or its listing with {@code showIndex}). A request never reaches outside {@code root}:
     * {@code ..} segments, encoded slashes ({@code %2F}) and symlinks whose target lies outside the root get 404;
     * absolute names and directories 403. Files are read in chunks of {@value FileResponse#DEFAULT_CHUNK_SIZE} bytes.
     *
     * @param prefix the path prefix, starting with {@code /} (a trailing {@code /} is dropped)
     * @param root   an existing directory
     * @return this router
     * @throws IllegalArgumentException if {@code root} is not a directory or the prefix is malformed
     */
    public Router addStatic(String prefix, java.nio.file.Path root) {
        return addStatic(prefix, root, StaticOptions.DEFAULT);
    }

    /**
     * aiohttp's {@code add_static(prefix, path, name=..., chunk_size=..., show_index=..., follow_symlinks=...)}: as
     * {@link #addStatic(String, java.nio.file.Path)}, with {@code options}: directory listings, symlinks out of the
     * root; a named static route builds URLs with {@link Resource#urlFor(String)}.
     *
     * @param prefix  the path prefix, starting with {@code /} (a trailing {@code /} is dropped), without variables
     * @param root    an existing directory
     * @param options the listing, symlink, chunk size and name settings
     * @return this router
     * @throws IllegalArgumentException as {@link #addStatic(String, java.nio.file.Path)}, or for a bad or
     *                                  duplicate name
     * @throws IllegalStateException if the application is running
     */
    public Router addStatic(String prefix, java.nio.file.Path root, StaticOptions options) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(root, "root");
        if (!prefix.startsWith("/") || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a static prefix must start with '/' and have no variables: "
                    + prefix);
        }
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        java.nio.file.Path real;
        try {
            real = root.toRealPath();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("No directory exists at '" + root + "'", e);
        }
        if (!java.nio.file.Files.isDirectory(real)) {
            throw new IllegalArgumentException("No directory exists at '" + root + "'");
        }
        StaticFiles files = new StaticFiles(real, prefix, options);
        route("GET", prefix + "/{filename:.*}", files, options.name(), true);
        if (!prefix.isEmpty()) {
            route("GET", prefix, files, null, false); // the root without its slash too, as aiohttp's StaticResource
        }
        return this;
    }

    /** aiohttp's route names: identifiers separated by {@code .}, {@code :} or {@code -}. */
    private static void checkName(String name) {
        for (String part : name.split("[.:-]", -1)) {
            if (!part.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("Incorrect route name '" + name + "', the name should be a "
                        + "sequence of identifiers separated by dash, dot or column");
            }
        }
    }

    /**
     * aiohttp's {@code router[name]}: the resource of the route named {@code name} in this router (a
     * sub-application's routes are in its own router), to build URLs with.
     *
     * @param name the route name; not null
     * @return the resource, the same object each call
     * @throws IllegalArgumentException if no route of this router has that name
     */
    public Resource named(String name) {
        Objects.requireNonNull(name, "name");
        Resource r = named.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no route named '" + name + "'" + (named.isEmpty()
                    ? " (no route of this router has a name)" : "; the names: " + named.keySet()));
        }
        return r;
    }

    /** {@return the names of this router's named routes, in the order they were added; an unmodifiable view} */
    public Set<String> names() {
        return Collections.unmodifiableSet(named.keySet());
    }

    /** The prefix this router's application is served under (its parents' prefixes included), or "". */
    String prefix() {
        StringBuilder sb = new StringBuilder();
        if (owner == null) {
            return "";
        }
        for (Application a : owner.appChain()) {
            if (a.prefix() != null) {
                PercentEncoder.appendPath(sb, a.prefix());
            }
        }
        return sb.toString();
    }

    /** Adds the resource of a sub-application (Application.addSubapp checked the arguments). */
    void addSubapp(String prefix, Application subapp) {
        if (frozen) {
            throw new IllegalStateException("cannot add a sub-application: the router is frozen");
        }
        resources.add(new Entry(prefix, subapp));
    }

    void freezeSubapps() {
        for (Entry r : resources) {
            if (r.subapp != null) {
                r.subapp.freeze();
            }
        }
    }

    /**
     * {@return the routes as {@code "METHOD path"} strings, in order, a sub-application's with its prefix; an
     * unmodifiable snapshot}
     */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        for (Entry r : resources) {
            if (r.subapp != null) {
                for (String sub : r.subapp.router().routes()) {
                    int sp = sub.indexOf(' ');
                    out.add(sub.substring(0, sp + 1) + r.path + sub.substring(sp + 1));
                }
            }
            for (String m : r.handlers.keySet()) {
                out.add(m + " " + r.path);
            }
        }
        return Collections.unmodifiableList(out);
    }

    void freeze() {
        frozen = true;
    }

    /** What resolution found: the handler, the decoded match info, and the application whose route it is. */
    record Match(Handler handler, Map<String, String> matchInfo, Application app) {
    }

    /**
     * Finds the handler for {@code method} and {@code routingPath} (decoded but for {@code %2F} and {@code %25}).
     *
     * @throws HTTPMethodNotAllowed if the path matches only other methods
     * @throws HTTPNotFound if no route matches the path
     */
    Match resolve(String method, String routingPath) {
        return resolve(method, routingPath, null);
    }

    /** As {@link #resolve(String, String)}, {@code app} being the router's application (for the match). */
    Match resolve(String method, String routingPath, Application app) {
        Set<String> allowed = null;
        for (Entry r : resources) {
            if (r.subapp != null) {
                String p = r.routingPrefix;
                if (routingPath.equals(p) || routingPath.startsWith(p + "/")) {
                    return r.subapp.resolveAsSubapp(method, routingPath.substring(p.length()));
                }
                continue;
            }
            Map<String, String> info = r.match(routingPath);
            if (info == null) {
                continue;
            }
            Handler h = r.handlers.get(method);
            if (h == null && method.equals("HEAD")) {
                h = r.handlers.get("GET");
            }
            if (h == null) {
                h = r.handlers.get("*");
            }
            if (h != null) {
                return new Match(h, info, app);
            }
            if (allowed == null) {
                allowed = new TreeSet<>();
            }
            allowed.addAll(r.handlers.keySet());
            if (r.handlers.containsKey("GET")) {
                allowed.add("HEAD");
            }
        }
        if (allowed != null) {
            throw new HTTPMethodNotAllowed(method, allowed);
        }
        throw new HTTPNotFound();
    }

    /** One path pattern and its handlers by method (aiohttp's resource). */
    private static final class Entry {
        final String path;
        final Map<String, Handler> handlers = new LinkedHashMap<>();
        /** The name given to the path's routes, or null. */
        String name;
        /** Null for a plain path (compared as a string). */
        final Pattern pattern;
        final List<String> names = new ArrayList<>();
        final List<Integer> groups = new ArrayList<>();
        /** A sub-application under the prefix {@link #path}, or null. */
        final Application subapp;

        /** The prefix as the router matches it ({@link Urls#encodeForRouting}), for a sub-application. */
        final String routingPrefix;

        Entry(String prefix, Application subapp) {
            this.path = prefix;
            this.pattern = null;
            this.subapp = subapp;
            this.routingPrefix = Urls.encodeForRouting(prefix);
        }

        Entry(String path) {
            this.subapp = null;
            this.routingPrefix = null;
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a route's path must start with '/': " + path);
            }
            this.path = path;
            this.pattern = compile(path);
        }

        private Pattern compile(String p) {
            if (p.indexOf('{') < 0 && p.indexOf('}') < 0) {
                return null;
            }
            StringBuilder re = new StringBuilder();
            int group = 1;
            int i = 0;
            while (i < p.length()) {
                char c = p.charAt(i);
                if (c == '}') {
                    throw new IllegalArgumentException("unbalanced '}' at index " + i + " in route path " + p);
                }
                if (c != '{') {
                    int next = p.indexOf('{', i);
                    int close = p.indexOf('}', i);
                    int end = next < 0 ? p.length() : next;
                    if (close >= 0 && close < end) {
                        throw new IllegalArgumentException("unbalanced '}' at index " + close + " in route path "
                                + p);
                    }
                    re.append(Pattern.quote(Urls.encodeForRouting(p.substring(i, end))));
                    i = end;
                    continue;
                }
                int depth = 0;
                int j = i;
                for (; j < p.length(); j++) {
                    if (p.charAt(j) == '{') {
                        depth++;
                    } else if (p.charAt(j) == '}' && --depth == 0) {
                        break;
                    }
                }
                if (j >= p.length()) {
                    throw new IllegalArgumentException("unclosed '{' at index " + i + " in route path " + p);
                }
                String var = p.substring(i + 1, j);
                int colon = var.indexOf(':');
                String name = colon < 0 ? var : var.substring(0, colon);
                String regex = colon < 0 ? "[^{}/]+" : var.substring(colon + 1);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("bad variable name '" + name + "' in route path " + p);
                }
                if (names.contains(name)) {
                    throw new IllegalArgumentException("variable '" + name + "' appears twice in route path " + p);
                }
                int inner;
                try {
                    inner = Pattern.compile(regex).matcher("").groupCount();
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("bad regex for '" + name + "' in route path " + p + ": "
                            + e.getDescription(), e);
                }
                names.add(name);
                groups.add(group);
                re.append('(').append(regex).append(')');
                group += 1 + inner;
                i = j + 1;
            }
            return Pattern.compile(re.toString());
        }

        /** The match info if {@code routingPath} matches, else null. */
        Map<String, String> match(String routingPath) {
            if (pattern == null) {
                return Urls.encodeForRouting(path).equals(routingPath) ? Map.of() : null;
            }
            Matcher m = pattern.matcher(routingPath);
            if (!m.matches()) {
                return null;
            }
            Map<String, String> info = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                info.put(names.get(k), Urls.decodeRoutingValue(m.group(groups.get(k))));
            }
            return Collections.unmodifiableMap(info);
        }
    }
}
