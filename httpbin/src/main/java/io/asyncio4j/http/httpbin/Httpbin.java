package io.asyncio4j.http.httpbin;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.Compressor;
import io.asyncio4j.http.json.JSONDecodeError;
import io.asyncio4j.http.json.JsonCodec;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.FileField;
import io.asyncio4j.http.web.HTTPBadRequest;
import io.asyncio4j.http.web.HTTPNotFound;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.StreamResponse;
import io.asyncio4j.http.web.Web;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An {@link Application} that answers like <a href="https://httpbin.org">httpbin</a> (the Python reference, Debian's
 * {@code python3-httpbin} 0.7): the same endpoints, statuses, headers that matter and JSON shapes, so that programs
 * written against {@code http://httpbin.org} (the seed tour's, the client's tests) can run against a local server.
 * Every handler is a task of the server's loop; {@code /delay/{n}} sleeps on the loop's clock, so a delayed request
 * holds no thread.
 *
 * <p>Endpoints: {@code /get /post /put /patch /delete /anything[/{path}] /headers /ip /user-agent /uuid
 * /status/{codes} /delay/{n} /redirect/{n} /relative-redirect/{n} /absolute-redirect/{n} /redirect-to /bytes/{n}
 * /stream/{n} /stream-bytes/{n} /gzip /deflate /json /robots.txt /response-headers /basic-auth/{user}/{passwd}
 * /bearer /cache /cache/{n} /etag/{etag} /cookies /cookies/set[/{name}/{value}] /cookies/delete /range/{n}
 * /drip /html /xml /forms/post /encoding/utf8 /deny /base64/{value} /links/{n}[/{offset}]
 * /hidden-basic-auth/{user}/{passwd} /digest-auth/{qop}/{user}/{passwd}[/{algorithm}[/{stale_after}]] /image
 * /image/png /image/jpeg /image/webp /image/svg} (not {@code /brotli}: no Brotli encoder without a dependency).
 * The pages and images are the reference's own, shipped as resources (see the NOTICE beside them). As in httpbin, the JSON echoes {@code args} (a value, or a list when a name repeats), {@code
 * headers} (names title-cased, repeated fields joined by commas), {@code origin} ({@code X-Forwarded-For}, else the
 * client's address) and {@code url}; bodies come back as {@code data}, {@code form}, {@code files} and {@code json}.
 *
 * <pre>{@code
 * Site site = Web.start(Httpbin.app(), "127.0.0.1", 0).await();   // or: ./asyncio4j httpbin --port 8080
 * }</pre>
 */
public final class Httpbin {
    /** Flask's {@code jsonify} as httpbin runs it: compact, keys sorted (the maps here are sorted), a newline after. */
    private static final JsonCodec JSON = JsonCodec.defaultCodec();
    /** Headers httpbin hides unless {@code ?show_env=1}: they describe the hosting, not the request. */
    private static final Set<String> ENV_COOKIES = Set.of("_gauges_unique", "_gauges_unique_year",
            "_gauges_unique_month", "_gauges_unique_day", "_gauges_unique_hour", "__utmz", "__utma", "__utmb");
    private static final Set<String> ENV_HEADERS = Set.of("X-Varnish", "X-Request-Start", "X-Heroku-Queue-Depth",
            "X-Real-Ip", "X-Forwarded-Proto", "X-Forwarded-Protocol", "X-Forwarded-Ssl", "X-Heroku-Queue-Wait-Time",
            "X-Forwarded-For", "X-Heroku-Dynos-In-Use", "X-Forwarded-Port", "Runscope-Service");
    private static final int MAX_DELAY = 10;
    private static final int MAX_BYTES = 100 * 1024;
    private static final Random RANDOM = new Random();

    private Httpbin() {
    }

    /** {@return a new httpbin application: httpbin.org's endpoints, with CORS headers on every answer} */
    public static Application app() {
        Application app = new Application();
        app.middlewares().add(Httpbin::cors);
        app.router()
                .get("/get", r -> json(echo(r, "url", "args", "headers", "origin")))
                .post("/post", r -> json(echoWithBody(r)))
                .put("/put", r -> json(echoWithBody(r)))
                .patch("/patch", r -> json(echoWithBody(r)))
                .delete("/delete", r -> json(echoWithBody(r)))
                .route("*", "/anything", Httpbin::anything)
                .route("*", "/anything/{path:.*}", Httpbin::anything)
                .get("/headers", r -> json(echo(r, "headers")))
                .get("/ip", r -> json(echo(r, "origin")))
                .get("/user-agent", r -> json(Map.of("user-agent", String.valueOf(r.header("User-Agent")))))
                .get("/uuid", r -> json(Map.of("uuid", UUID.randomUUID().toString())))
                .route("*", "/status/{codes}", Httpbin::status)
                .route("*", "/delay/{n}", Httpbin::delay)
                .get("/redirect/{n:\\d+}", Httpbin::redirect)
                .get("/relative-redirect/{n:\\d+}", r -> relativeRedirect(intParam(r, "n")))
                .get("/absolute-redirect/{n:\\d+}", r -> absoluteRedirect(r, intParam(r, "n")))
                .route("*", "/redirect-to", Httpbin::redirectTo)
                .get("/bytes/{n:\\d+}", Httpbin::bytes)
                .get("/gzip", r -> encoded(r, "gzip"))
                .get("/deflate", r -> encoded(r, "deflate"))
                .get("/brotli", r -> encoded(r, "br"))
                .get("/json", r -> json(Slideshow.DATA))
                .get("/robots.txt", r -> Response.text("User-agent: *\nDisallow: /deny\n"))
                .route("*", "/response-headers", Httpbin::responseHeaders)
                .get("/basic-auth/{user}/{passwd}", r -> basicAuth(r, 401))
                .get("/bearer", Httpbin::bearer)
                .get("/cache", Httpbin::cache)
                .get("/cache/{n:\\d+}", r -> json(echo(r, "url", "args", "headers", "origin"))
                        .header("Cache-Control", "public, max-age=" + intParam(r, "n")))
                .get("/etag/{etag}", Httpbin::etag)
                .get("/cookies", Httpbin::cookies)
                .get("/cookies/set/{name}/{value}", r -> redirectPage("/cookies")
                        .setCookie(r.matchInfo("name"), r.matchInfo("value")))
                .get("/cookies/set", r -> {
                    Response resp = redirectPage("/cookies");
                    r.query().forEach((k, vs) -> resp.setCookie(k, vs.get(0)));
                    return resp;
                })
                .get("/cookies/delete", r -> {
                    Response resp = redirectPage("/cookies");
                    r.query().keySet().forEach(resp::delCookie);
                    return resp;
                })
                .get("/stream/{n:\\d+}", Httpbin::stream)
                .get("/stream-bytes/{n:\\d+}", Httpbin::streamBytes)
                .get("/range/{n:\\d+}", Httpbin::range)
                .route("*", "/drip", Httpbin::drip)
                .get("/html", r -> Response.bytes(Pages.MOBY, "text/html").charset("utf-8"))
                .get("/xml", r -> Response.bytes(Pages.SAMPLE_XML, "application/xml"))
                .get("/forms/post", r -> Response.bytes(Pages.FORMS_POST, "text/html").charset("utf-8"))
                .get("/encoding/utf8", r -> Response.text(UTF8_DEMO, "text/html"))
                .get("/deny", r -> Response.bytes(ANGRY_ASCII.getBytes(StandardCharsets.UTF_8), "text/plain"))
                .get("/base64/{value}", Httpbin::base64)
                .get("/links/{n:\\d+}/{offset:\\d+}", Httpbin::links)
                .get("/links/{n:\\d+}", r -> redirectPage("/links/" + intParam(r, "n") + "/0"))
                .get("/hidden-basic-auth/{user}/{passwd}", r -> basicAuth(r, 404))
                .get("/digest-auth/{qop}/{user}/{passwd}", r -> DigestAuth.handle(r, r.read().await()))
                .get("/digest-auth/{qop}/{user}/{passwd}/{algorithm}", r -> DigestAuth.handle(r, r.read().await()))
                .get("/digest-auth/{qop}/{user}/{passwd}/{algorithm}/{stale_after}",
                        r -> DigestAuth.handle(r, r.read().await()))
                .get("/image", Httpbin::image)
                .get("/image/png", r -> Response.bytes(Pages.PNG, "image/png"))
                .get("/image/jpeg", r -> Response.bytes(Pages.JPEG, "image/jpeg"))
                .get("/image/webp", r -> Response.bytes(Pages.WEBP, "image/webp"))
                .get("/image/svg", r -> Response.bytes(Pages.SVG, "image/svg+xml"));
        return app;
    }

    /** httpbin's {@code set_cors_headers}, on every answer (HTTP errors included). */
    private static Response cors(Request r, io.asyncio4j.http.web.Handler handler) throws Exception {
        Response resp;
        try {
            resp = handler.handle(r);
        } catch (io.asyncio4j.http.web.HTTPException e) {
            resp = e.toResponse();
        }
        if (!(resp instanceof StreamResponse s && s.prepared())) { // a streamed answer got them before prepare()
            addCors(r, resp);
        }
        return resp;
    }

    private static <R extends Response> R addCors(Request r, R resp) {
        resp.header("Access-Control-Allow-Origin", r.header("Origin") != null ? r.header("Origin") : "*");
        resp.header("Access-Control-Allow-Credentials", "true");
        if (r.method().equals("OPTIONS")) {
            resp.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, PATCH, OPTIONS");
            resp.header("Access-Control-Max-Age", "3600");
            String asked = r.header("Access-Control-Request-Headers");
            if (asked != null) {
                resp.header("Access-Control-Allow-Headers", asked);
            }
        }
        return resp;
    }

    private static final String USAGE = "usage: Httpbin [--host H] [--port N]   (127.0.0.1:8080 by default)";

    /**
     * Serves httpbin on {@code host:port} until interrupted: {@code java ... Httpbin [--host H] [--port N]}. Bad
     * arguments print the usage and exit with status 2.
     *
     * @param args {@code --host H} and {@code --port N}, each optional
     */
    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 8080;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host" -> host = value(args, ++i);
                    case "--port" -> port = port(value(args, ++i));
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("httpbin: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        Web.runApp(app(), host, port);
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--port needs a number from 0 to 65535, not " + s);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    // ---- the request as httpbin echoes it ----

    private static Map<String, Object> echo(Request r, String... keys) {
        Map<String, Object> out = new TreeMap<>();
        for (String k : keys) {
            switch (k) {
                case "url" -> out.put("url", url(r));
                case "args" -> out.put("args", semiflatten(r.query()));
                case "headers" -> out.put("headers", headers(r));
                case "origin" -> out.put("origin", origin(r));
                case "method" -> out.put("method", r.method());
                default -> throw new IllegalArgumentException(k);
            }
        }
        return out;
    }

    /** The echo of a request with a body: {@code data}, {@code files}, {@code form} and {@code json} too. */
    private static Map<String, Object> echoWithBody(Request r) {
        Map<String, Object> out = echo(r, "url", "args", "headers", "origin");
        byte[] body = r.read().await();
        String type = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        Map<String, List<String>> form = new LinkedHashMap<>();
        Map<String, List<String>> files = new LinkedHashMap<>();
        String data = "";
        if (type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data")) {
            for (Map.Entry<String, Object> e : r.post().await().entries()) {
                // werkzeug: a part with a file name is a file, whose content httpbin shows as json_safe text
                var into = e.getValue() instanceof FileField ? files : form;
                String v = switch (e.getValue()) {
                    case FileField f -> jsonSafe(f.content());
                    case byte[] b -> jsonSafe(b);
                    case Object o -> String.valueOf(o);
                };
                into.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(v);
            }
        } else {
            data = jsonSafe(body);
        }
        out.put("data", data);
        out.put("form", semiflatten(form));
        out.put("files", semiflatten(files));
        Object json = null;
        if (body.length > 0 && data.length() > 0) {
            try {
                json = JSON.decode(body, Object.class);
            } catch (JSONDecodeError notJson) {
                json = null; // httpbin: None when the body is not JSON, whatever the content type
            }
        }
        out.put("json", json);
        return out;
    }

    private static Response anything(Request r) {
        Map<String, Object> out = echoWithBody(r);
        out.put("method", r.method());
        return json(out);
    }

    private static String url(Request r) {
        return base(r) + r.rawPath(); // the target as sent, query included
    }

    private static String origin(Request r) {
        String fwd = r.header("X-Forwarded-For");
        return fwd != null ? fwd : r.remote();
    }

    private static Map<String, String> headers(Request r) {
        boolean showEnv = r.query("show_env") != null;
        Map<String, String> out = new TreeMap<>();
        r.headers().forEach((name, value) -> {
            String key = titleCase(name);
            if (!showEnv && ENV_HEADERS.contains(key)) {
                return;
            }
            out.merge(key, value, (a, b) -> a + "," + b);
        });
        return out;
    }

    /** WSGI's header names: each dash-separated word capitalised, the rest lower case ({@code X-Custom-Header}). */
    static String titleCase(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toCharArray()) {
            sb.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return sb.toString();
    }

    /** httpbin's {@code semiflatten}: a name with one value maps to it, a name with several to the list. */
    private static Map<String, Object> semiflatten(Map<String, List<String>> multi) {
        Map<String, Object> out = new TreeMap<>();
        multi.forEach((k, v) -> out.put(k, v.size() == 1 ? v.get(0) : List.copyOf(v)));
        return out;
    }

    /** httpbin's {@code json_safe}: text as it is when it is UTF-8, else a base64 data URL. */
    private static String jsonSafe(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException binary) {
            return "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(body);
        }
    }

    static Response json(Object data) {
        return Response.bytes(jsonLine(data), "application/json");
    }

    /** {@code data} as Flask's {@code jsonify} writes it: compact JSON and a newline. */
    private static byte[] jsonLine(Object data) {
        byte[] b = jsonBytes(data);
        byte[] withNewline = java.util.Arrays.copyOf(b, b.length + 1);
        withNewline[b.length] = '\n';
        return withNewline;
    }

    private static byte[] jsonBytes(Object data) {
        return JSON.encode(data); // maps, lists, strings, numbers and booleans only
    }

    // ---- statuses, delays, redirects ----

    private static Response status(Request r) {
        String codes = r.matchInfo("codes");
        int code;
        try {
            code = weightedChoice(codes);
        } catch (NumberFormatException e) {
            throw new HTTPBadRequest("Invalid status code");
        }
        Response resp = new Response().status(code);
        switch (code) {
            case 301, 302, 303, 305, 307 -> resp.header("Location", "/redirect/1");
            case 401 -> resp.header("WWW-Authenticate", "Basic realm=\"Fake Realm\"");
            case 402 -> resp.header("x-more-info", "http://vimeo.com/22053820").body("Fuck you, pay me!");
            case 406 -> resp = status406();
            case 407 -> resp.header("Proxy-Authenticate", "Basic realm=\"Fake Realm\"");
            case 418 -> resp.header("x-more-info", "http://tools.ietf.org/html/rfc2324").body(TEAPOT);
            default -> { }
        }
        return resp;
    }

    private static final String TEAPOT = "\n    -=[ teapot ]=-\n\n       _...._\n     .'  _ _ `.\n    | .\"` ^ `\". _,\n"
            + "    \\_;`\"---\"`|//\n      |       ;/\n      \\_     _/\n        `\"\"\"`\n";

    /** {@code "200"}, {@code "200,404"} (equal chances) or {@code "200:0.9,500:0.1"} (weights), as httpbin. */
    private static int weightedChoice(String codes) {
        if (!codes.contains(",")) {
            return Integer.parseInt(codes.trim());
        }
        List<Integer> choices = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (String part : codes.split(",")) {
            String[] cw = part.split(":", 2);
            choices.add(Integer.parseInt(cw[0].trim()));
            double w = cw.length == 2 ? Double.parseDouble(cw[1]) : 1;
            weights.add(w);
            total += w;
        }
        double x = RANDOM.nextDouble() * total;
        for (int i = 0; i < choices.size(); i++) {
            x -= weights.get(i);
            if (x < 0) {
                return choices.get(i);
            }
        }
        return choices.get(choices.size() - 1);
    }

    private static Response delay(Request r) {
        double n;
        try {
            n = Double.parseDouble(r.matchInfo("n"));
        } catch (NumberFormatException e) {
            throw new HTTPNotFound();
        }
        Asyncio.sleep(Math.max(0, Math.min(n, MAX_DELAY))).await();
        Map<String, Object> out = echoWithBody(r);
        out.remove("json");
        return json(out);
    }

    private static Response redirect(Request r) {
        boolean absolute = "true".equalsIgnoreCase(r.query("absolute"));
        int n = intParam(r, "n");
        if (n <= 1) {
            return redirectPage((absolute ? base(r) : "") + "/get");
        }
        return absolute ? absoluteRedirect(r, n) : redirectPage("/relative-redirect/" + (n - 1));
    }

    /** {@code /relative-redirect/{n}}: a bare 302, no body (httpbin builds this one by hand). */
    private static Response relativeRedirect(int n) {
        return new Response().status(302).header("Location", n <= 1 ? "/get" : "/relative-redirect/" + (n - 1));
    }

    private static Response absoluteRedirect(Request r, int n) {
        return redirectPage(base(r) + (n <= 1 ? "/get" : "/absolute-redirect/" + (n - 1)));
    }

    private static String base(Request r) {
        return "http://" + (r.host() != null ? r.host() : "localhost");
    }

    /** A 302 with the little HTML page of werkzeug's {@code redirect()}, which httpbin's redirects answer with. */
    private static Response redirectPage(String location) {
        String l = escapeHtml(location);
        return Response.text("<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
                + "<p>You should be redirected automatically to the target URL: <a href=\"" + l + "\">" + l
                + "</a>. If not, click the link.\n", "text/html").status(302).header("Location", location);
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static Response redirectTo(Request r) {
        String url = r.query("url");
        if (url == null) {
            throw new HTTPBadRequest("url is required");
        }
        int code = 302;
        String sc = r.query("status_code");
        if (sc != null) {
            try {
                int c = Integer.parseInt(sc);
                if (c >= 300 && c < 400) {
                    code = c;
                }
            } catch (NumberFormatException ignored) {
                // httpbin keeps 302 for a status it cannot use
            }
        }
        return new Response().status(code).header("Location", url);
    }

    // ---- bodies ----

    private static Response bytes(Request r) {
        int n = Math.min(intParam(r, "n"), MAX_BYTES);
        String seed = r.query("seed");
        Random rnd = seed != null ? new Random(Long.parseLong(seed)) : RANDOM;
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return Response.bytes(b, "application/octet-stream");
    }

    private static Response encoded(Request r, String encoding) {
        Map<String, Object> out = echo(r, "headers", "method", "origin");
        out.put(switch (encoding) {
            case "gzip" -> "gzipped";
            case "deflate" -> "deflated";
            default -> "brotli";
        }, true);
        return Response.bytes(Compressor.encode(encoding, jsonBytes(out)), "application/json")
                .header("Content-Encoding", encoding);
    }

    /**
     * The query's fields as response headers, and as the JSON body: every header of the response, body length
     * included, so the body is computed until it describes itself (httpbin's loop).
     */
    private static Response responseHeaders(Request r) {
        Map<String, Object> echoed = new TreeMap<>(semiflatten(r.query()));
        echoed.putIfAbsent("Content-Type", "application/json");
        Response resp = json(Map.of());
        r.query().forEach((k, vs) -> vs.forEach(v -> resp.headers().add(k, v)));
        byte[] body = new byte[0];
        for (int i = 0; i < 10; i++) {
            echoed.put("Content-Length", String.valueOf(body.length));
            byte[] next = json(echoed).body();
            if (java.util.Arrays.equals(next, body)) {
                break;
            }
            body = next;
        }
        return resp.body(body);
    }

    private static Response cookies(Request r) {
        boolean showEnv = r.query("show_env") != null;
        Map<String, String> out = new TreeMap<>(r.cookies());
        if (!showEnv) {
            out.keySet().removeAll(ENV_COOKIES);
        }
        return json(Map.of("cookies", out));
    }

    /** {@code /stream/{n}}: n (at most 100) JSON lines, the {@code /get} echo with an {@code id}, streamed. */
    private static Response stream(Request r) {
        int n = Math.min(intParam(r, "n"), 100);
        Map<String, Object> line = echo(r, "url", "args", "headers", "origin");
        StreamResponse resp = new StreamResponse().contentType("application/json");
        addCors(r, resp).prepare(r).await();
        for (int i = 0; i < n; i++) {
            line.put("id", i);
            resp.write(jsonLine(line)).await();
        }
        resp.writeEof().await();
        return resp;
    }

    /** {@code /stream-bytes/{n}}: n (at most 100 KiB) random bytes in {@code chunk_size} writes (10 KiB). */
    private static Response streamBytes(Request r) {
        int n = Math.min(intParam(r, "n"), MAX_BYTES);
        String seed = r.query("seed");
        String cs = r.query("chunk_size");
        int chunk = cs != null ? Math.max(1, Integer.parseInt(cs)) : 10 * 1024;
        Random rnd = seed != null ? new Random(Long.parseLong(seed)) : RANDOM;
        StreamResponse resp = new StreamResponse().contentType("application/octet-stream");
        addCors(r, resp).prepare(r).await();
        for (int sent = 0; sent < n; sent += chunk) {
            byte[] b = new byte[Math.min(chunk, n - sent)];
            rnd.nextBytes(b);
            resp.write(b).await();
        }
        resp.writeEof().await();
        return resp;
    }

    /**
     * {@code /range/{n}}: n bytes ({@code a} to {@code z} again and again, so that the resource never changes) with
     * {@code Range} support: 206 for a part, 416 for a range outside, {@code duration} and {@code chunk_size} as
     * httpbin's.
     */
    private static Response range(Request r) {
        int n = intParam(r, "n");
        String etag = "range" + n;
        if (n <= 0 || n > MAX_BYTES) {
            return new Response().status(404).header("ETag", etag).header("Accept-Ranges", "bytes")
                    .body("number of bytes must be in the range (0, 102400]");
        }
        Long left = null;
        Long right = null;
        String header = r.header("Range");
        if (header != null && header.strip().startsWith("bytes")) {
            String[] eq = header.strip().split("=", -1);
            if (eq.length == 2) {
                String[] lr = eq[1].split("-", -1);
                left = parseLong(lr[0]);
                right = lr.length > 1 ? parseLong(lr[1]) : null;
            }
        }
        long first;
        long last;
        if (left == null && right == null) {
            first = 0;
            last = n - 1;
        } else if (left == null) {
            first = Math.max(0, n - right);
            last = n - 1;
        } else {
            first = left;
            last = right == null ? n - 1 : right;
        }
        if (first > last || first < 0 || first >= n || last < 0 || last >= n) {
            return new Response().status(416).header("ETag", etag).header("Accept-Ranges", "bytes")
                    .header("Content-Range", "bytes */" + n);
        }
        String cs = r.query("chunk_size");
        int chunk = cs != null ? Math.max(1, Integer.parseInt(cs)) : 10 * 1024;
        String d = r.query("duration");
        double pausePerByte = (d != null ? Double.parseDouble(d) : 0) / n;
        StreamResponse resp = new StreamResponse().status(first == 0 && last == n - 1 ? 200 : 206)
                .contentType("application/octet-stream").header("ETag", etag).header("Accept-Ranges", "bytes")
                .header("Content-Range", "bytes " + first + "-" + last + "/" + n)
                .contentLength(last - first + 1);
        addCors(r, resp).prepare(r).await();
        for (long i = first; i <= last; ) {
            int len = (int) Math.min(chunk, last + 1 - i);
            byte[] b = new byte[len];
            for (int k = 0; k < len; k++) {
                b[k] = (byte) ('a' + (i + k) % 26);
            }
            i += len;
            if (pausePerByte > 0) {
                Asyncio.sleep(pausePerByte * len).await();
            }
            resp.write(b).await();
        }
        resp.writeEof().await();
        return resp;
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null; // httpbin: an unreadable bound is an open one
        }
    }

    /**
     * {@code /drip}: {@code numbytes} asterisks (10) spread over {@code duration} seconds (2), after {@code delay}
     * seconds (0), with status {@code code} (200); the pauses are the loop's sleeps.
     */
    private static Response drip(Request r) {
        double duration = r.query("duration") != null ? Double.parseDouble(r.query("duration")) : 2;
        int numbytes = Math.min(r.query("numbytes") != null ? Integer.parseInt(r.query("numbytes")) : 10,
                10 * 1024 * 1024);
        int code = r.query("code") != null ? Integer.parseInt(r.query("code")) : 200;
        if (numbytes <= 0) {
            return new Response().status(400).body("number of bytes must be positive");
        }
        double delay = r.query("delay") != null ? Double.parseDouble(r.query("delay")) : 0;
        if (delay > 0) {
            Asyncio.sleep(delay).await();
        }
        double pause = duration / numbytes;
        StreamResponse resp = new StreamResponse().status(code).contentType("application/octet-stream")
                .contentLength(numbytes);
        addCors(r, resp).prepare(r).await();
        for (int i = 0; i < numbytes; i++) {
            resp.write(new byte[] {'*'}).await();
            if (pause > 0) {
                Asyncio.sleep(pause).await();
            }
        }
        resp.writeEof().await();
        return resp;
    }

    // ---- authentication and caching ----

    /** {@code /basic-auth} (401 and a challenge when refused) and {@code /hidden-basic-auth} (a bare 404). */
    private static Response basicAuth(Request r, int refused) {
        String user = r.matchInfo("user");
        String passwd = r.matchInfo("passwd");
        String auth = r.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            if (decoded.equals(user + ":" + passwd)) {
                Map<String, Object> out = new TreeMap<>();
                out.put("authenticated", true);
                out.put("user", user);
                return json(out);
            }
        }
        if (refused == 404) {
            return Response.text("", "text/html").status(404);
        }
        return new Response().status(401).header("WWW-Authenticate", "Basic realm=\"Fake Realm\"");
    }

    private static Response bearer(Request r) {
        String auth = r.header("Authorization");
        if (auth == null) {
            return new Response().status(401).header("WWW-Authenticate", "Bearer");
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("authenticated", true);
        out.put("token", stripLeading(auth, "Bearer "));
        return json(out);
    }

    /** Python's {@code s.lstrip(chars)}, which httpbin uses on the header: drops leading characters in the set. */
    private static String stripLeading(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    private static Response cache(Request r) {
        if (r.header("If-Modified-Since") != null || r.header("If-None-Match") != null) {
            return new Response().status(304);
        }
        return json(echo(r, "url", "args", "headers", "origin"))
                .header("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)))
                .header("ETag", UUID.randomUUID().toString().replace("-", ""));
    }

    private static Response etag(Request r) {
        String etag = r.matchInfo("etag");
        List<String> ifNoneMatch = entityTags(r.header("If-None-Match"));
        List<String> ifMatch = entityTags(r.header("If-Match"));
        if (!ifNoneMatch.isEmpty()) {
            if (ifNoneMatch.contains(etag) || ifNoneMatch.contains("*")) {
                return new Response().status(304).header("ETag", etag);
            }
        } else if (!ifMatch.isEmpty()) {
            if (!ifMatch.contains(etag) && !ifMatch.contains("*")) {
                return new Response().status(412);
            }
        }
        return json(echo(r, "url", "args", "headers", "origin")).header("ETag", etag);
    }

    /** The tags of an {@code If-Match}/{@code If-None-Match} value, quotes and weak markers removed. */
    private static List<String> entityTags(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String t : value.split(",")) {
            t = t.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    // ---- pages and images ----

    /** httpbin's {@code ANGRY_ASCII}, the answer of {@code /deny} (which robots.txt forbids). */
    private static final String ANGRY_ASCII = """

                      .-''''''-.
                    .' _      _ '.
                   /   O      O   \\
                  :                :
                  |                |
                  :       __       :
                   \\  .-"`  `"-.  /
                    '.          .'
                      '-......-'
                 YOU SHOULDN'T BE HERE
            """;

    /**
     * The page of {@code /encoding/utf8}: ours (httpbin's is Markus Kuhn's UTF-8 demo, which Debian does not ship
     * for licensing reasons and replaces by a line of ASCII): text in several scripts, to test decoding.
     */
    private static final String UTF8_DEMO = """
            UTF-8 encoded sample plain-text file
            ‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾

            Mathematics:  ∮ E⋅da = Q,  n → ∞, ∑ f(i) = ∏ g(i), ∀x∈ℝ: ⌈x⌉ = −⌊−x⌋
            Greek:        Σὲ γνωρίζω ἀπὸ τὴν κόψη
            Russian:      Зарегистрируйтесь сейчас на Десятую Международную Конференцию
            Japanese:     いろはにほへと ちりぬるを
            Thai:         ๏ แผ่นดินฮั่นเสื่อมโทรมแสนสังเวช
            Amharic:      ሰማይ አይታረስ ንጉሥ አይከሰስ።
            Runes:        ᚻᛖ ᚳᚹᚫᚦ ᚦᚫᛏ ᚻᛖ ᛒᚢᛞᛖ ᚩᚾ ᚦᚫᛗ ᛚᚪᚾᛞᛖ
            Emoji:        🐍 ☕ 🌍
            """;

    /** {@code /base64/{value}}: the value, URL-safe base64 (characters outside the alphabet ignored), decoded. */
    private static Response base64(Request r) {
        StringBuilder clean = new StringBuilder();
        for (char c : r.matchInfo("value").toCharArray()) {
            char d = c == '-' ? '+' : c == '_' ? '/' : c;
            if (Character.isLetterOrDigit(d) && d < 128 || d == '+' || d == '/' || d == '=') {
                clean.append(d); // Python's b64decode drops the rest
            }
        }
        byte[] decoded;
        String text;
        try {
            decoded = Base64.getDecoder().decode(clean.toString());
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(decoded)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new io.asyncio4j.http.web.HTTPInternalServerError(); // httpbin fails with a 500 too
        }
        return Response.text(text, "text/html");
    }

    /** {@code /links/{n}/{offset}}: n (1..200) links to the other pages of the set, offset being this one. */
    private static Response links(Request r) {
        int n = Math.min(Math.max(1, intParam(r, "n")), 200);
        int offset = intParam(r, "offset");
        StringBuilder html = new StringBuilder("<html><head><title>Links</title></head><body>");
        for (int i = 0; i < n; i++) {
            if (i == offset) {
                html.append(i).append(' ');
            } else {
                html.append("<a href='/links/").append(n).append('/').append(i).append("'>").append(i).append("</a> ");
            }
        }
        return Response.text(html.append("</body></html>").toString(), "text/html");
    }

    /** {@code /image}: the image of the first type {@code Accept} names, as httpbin tests them; else 406. */
    private static Response image(Request r) {
        String accept = r.header("Accept");
        if (accept == null) {
            return Response.bytes(Pages.PNG, "image/png");
        }
        accept = accept.toLowerCase(Locale.ROOT);
        if (accept.contains("image/webp")) {
            return Response.bytes(Pages.WEBP, "image/webp");
        } else if (accept.contains("image/svg+xml")) {
            return Response.bytes(Pages.SVG, "image/svg+xml");
        } else if (accept.contains("image/jpeg")) {
            return Response.bytes(Pages.JPEG, "image/jpeg");
        } else if (accept.contains("image/png") || accept.contains("image/*")) {
            return Response.bytes(Pages.PNG, "image/png");
        }
        return status406();
    }

    private static Response status406() {
        return Response.bytes(("{\"message\": \"Client did not request a supported media type.\", \"accept\": "
                + "[\"image/webp\", \"image/svg+xml\", \"image/jpeg\", \"image/png\", \"image/*\"]}")
                .getBytes(StandardCharsets.UTF_8), "application/json").status(406);
    }

    /** httpbin's templates and images, shipped as resources of this package (see its NOTICE). */
    private static final class Pages {
        /** Jinja drops a template's final newline. */
        static final byte[] MOBY = template("moby.html");
        static final byte[] SAMPLE_XML = template("sample.xml");
        static final byte[] FORMS_POST = new String(template("forms-post.html"), StandardCharsets.UTF_8)
                .replace("{{ url_for('view_post') }}", "/post").getBytes(StandardCharsets.UTF_8);
        static final byte[] PNG = resource("images/pig_icon.png");
        static final byte[] JPEG = resource("images/jackal.jpg");
        static final byte[] WEBP = resource("images/wolf_1.webp");
        static final byte[] SVG = resource("images/svg_logo.svg");

        private static byte[] template(String name) {
            byte[] b = resource(name);
            return b.length > 0 && b[b.length - 1] == '\n' ? java.util.Arrays.copyOf(b, b.length - 1) : b;
        }

        private static byte[] resource(String name) {
            try (var in = Httpbin.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("httpbin resource " + name + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static int intParam(Request r, String name) {
        try {
            return Integer.parseInt(r.matchInfo(name));
        } catch (NumberFormatException e) {
            throw new HTTPNotFound();
        }
    }

    /** httpbin's {@code /json}: its sample slideshow. */
    private static final class Slideshow {
        static final Map<String, Object> DATA = Map.of("slideshow", Map.of(
                "author", "Yours Truly",
                "date", "date of publication",
                "slides", List.of(
                        Map.of("title", "Wake up to WonderWidgets!", "type", "all"),
                        Map.of("items", List.of("Why <em>WonderWidgets</em> are great",
                                "Who <em>buys</em> WonderWidgets"), "title", "Overview", "type", "all")),
                "title", "Sample Slide Show"));
    }
}
