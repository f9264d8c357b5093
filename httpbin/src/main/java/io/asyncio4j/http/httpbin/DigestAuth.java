package io.asyncio4j.http.httpbin;

import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * httpbin's {@code /digest-auth/{qop}/{user}/{passwd}[/{algorithm}[/{stale_after}]]}: HTTP Digest authentication
 * (RFC 2617/7616) as the reference does it, challenge, cookies ({@code fake}, {@code stale_after},
 * {@code last_nonce}) and the check of the client's answer ({@code qop} auth, auth-int or none; MD5, SHA-256 or
 * SHA-512, the client's {@code algorithm} being the one used for the check, as in httpbin).
 */
final class DigestAuth {
    private static final String REALM = "me@kennethreitz.com";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DigestAuth() {
    }

    static Response handle(Request r, byte[] body) {
        String qop = r.matchInfo("qop");
        String user = r.matchInfo("user");
        String passwd = r.matchInfo("passwd");
        String algorithm = r.matchInfo().getOrDefault("algorithm", "MD5");
        String staleAfter = r.matchInfo().getOrDefault("stale_after", "never");
        String rc = r.query("require-cookie");
        boolean requireCookie = rc != null && List.of("1", "t", "true").contains(rc.toLowerCase(Locale.ROOT));
        if (!List.of("MD5", "SHA-256", "SHA-512").contains(algorithm)) {
            algorithm = "MD5";
        }
        if (!qop.equals("auth") && !qop.equals("auth-int")) {
            qop = null;
        }
        Map<String, String> credentials = parse(r.header("Authorization"));
        if (credentials == null || (requireCookie && r.header("Cookie") == null)) {
            return challenge(r, qop, algorithm, false).setCookie("stale_after", staleAfter)
                    .setCookie("fake", "fake_value");
        }
        if (requireCookie && !"fake_value".equals(r.cookies().get("fake"))) {
            return Response.bytes("{\"errors\":[\"missing cookie set on challenge\"]}\n"
                    .getBytes(StandardCharsets.UTF_8), "application/json").status(403)
                    .setCookie("fake", "fake_value");
        }
        String nonce = credentials.get("nonce");
        String staleAfterValue = r.cookies().get("stale_after");
        if ((r.cookies().containsKey("last_nonce") && nonce.equals(r.cookies().get("last_nonce")))
                || "0".equals(staleAfterValue)) {
            return challenge(r, qop, algorithm, true).setCookie("stale_after", staleAfter)
                    .setCookie("last_nonce", nonce).setCookie("fake", "fake_value");
        }
        if (!check(r, credentials, passwd, body)) {
            return challenge(r, qop, algorithm, false).setCookie("stale_after", staleAfter)
                    .setCookie("last_nonce", nonce).setCookie("fake", "fake_value");
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("authenticated", true);
        out.put("user", user);
        Response resp = Httpbin.json(out).setCookie("fake", "fake_value");
        if (staleAfterValue != null && !staleAfterValue.isEmpty()) {
            resp.setCookie("stale_after", nextStaleAfter(staleAfterValue));
        }
        return resp;
    }

    private static String nextStaleAfter(String v) {
        try {
            return String.valueOf(Integer.parseInt(v.strip()) - 1);
        } catch (NumberFormatException e) {
            return "never";
        }
    }

    /** werkzeug's {@code digest_challenge_response}: an empty 401 with the {@code WWW-Authenticate} challenge. */
    private static Response challenge(Request r, String qop, String algorithm, boolean stale) {
        byte[] salt = new byte[10];
        RANDOM.nextBytes(salt);
        String nonce = h((r.remote() + ":" + System.currentTimeMillis() / 1000.0 + ":" + HexFormat.of()
                .formatHex(salt)).getBytes(StandardCharsets.US_ASCII), algorithm);
        RANDOM.nextBytes(salt);
        String opaque = h(salt, algorithm);
        String header = "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", qop=\""
                + (qop == null ? "auth, auth-int" : qop) + "\", opaque=\"" + opaque + "\", algorithm=" + algorithm
                + ", stale=" + (stale ? "TRUE" : "FALSE");
        return Response.text("", "text/html").status(401).header("WWW-Authenticate", header);
    }

    /** httpbin's {@code check_digest_auth}: the client's {@code response} against the one computed here. */
    private static boolean check(Request r, Map<String, String> c, String passwd, byte[] body) {
        String algorithm = c.get("algorithm");
        String uri = r.path() + (r.queryString().isEmpty() ? "" : "?" + r.queryString());
        String ha1 = h(String.join(":", c.get("username"), c.getOrDefault("realm", ""), passwd), algorithm);
        String q = c.get("qop");
        String ha2;
        if (q == null || q.equals("auth")) {
            ha2 = h(r.method() + ":" + uri, algorithm);
        } else if (q.equals("auth-int")) {
            ha2 = h(r.method() + ":" + uri + ":" + h(body, algorithm), algorithm);
        } else {
            throw new IllegalArgumentException("qop value are wrong: " + q);
        }
        String expected = q == null ? h(ha1 + ":" + c.get("nonce") + ":" + ha2, algorithm)
                : h(String.join(":", ha1, c.get("nonce"), c.get("nc"), c.get("cnonce"), q, ha2), algorithm);
        return expected.equals(c.get("response"));
    }

    /**
     * werkzeug's {@code parse_authorization_header} for Digest: the fields, or null if the header is missing, not
     * Digest, or lacks {@code username}, {@code realm}, {@code nonce}, {@code uri}, {@code response} (and
     * {@code nc}, {@code cnonce} with a {@code qop}).
     */
    static Map<String, String> parse(String header) {
        if (header == null) {
            return null;
        }
        String[] typeAndInfo = header.strip().split("\\s+", 2);
        if (typeAndInfo.length < 2 || !typeAndInfo[0].equalsIgnoreCase("digest")) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        String s = typeAndInfo[1];
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            int comma = s.indexOf(',', i);
            if (eq < 0 || (comma >= 0 && comma < eq)) {
                i = comma < 0 ? s.length() : comma + 1; // an item without a value
                continue;
            }
            String key = s.substring(i, eq).strip();
            int j = eq + 1;
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            String value;
            if (j < s.length() && s.charAt(j) == '"') {
                StringBuilder sb = new StringBuilder();
                int k = j + 1;
                while (k < s.length() && s.charAt(k) != '"') {
                    if (s.charAt(k) == '\\' && k + 1 < s.length()) {
                        k++;
                    }
                    sb.append(s.charAt(k++));
                }
                value = sb.toString();
                int next = s.indexOf(',', k);
                i = next < 0 ? s.length() : next + 1;
            } else {
                int next = s.indexOf(',', j);
                value = s.substring(j, next < 0 ? s.length() : next).strip();
                i = next < 0 ? s.length() : next + 1;
            }
            m.put(key, value);
        }
        for (String k : List.of("username", "realm", "nonce", "uri", "response")) {
            if (!m.containsKey(k)) {
                return null;
            }
        }
        if (m.containsKey("qop") && (isEmpty(m.get("nc")) || isEmpty(m.get("cnonce")))) {
            return null;
        }
        return m;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String h(String data, String algorithm) {
        return h(data.getBytes(StandardCharsets.UTF_8), algorithm);
    }

    /** httpbin's {@code H}: the hex digest with SHA-256, SHA-512, else MD5. */
    static String h(byte[] data, String algorithm) {
        String jca = "SHA-256".equals(algorithm) ? "SHA-256" : "SHA-512".equals(algorithm) ? "SHA-512" : "MD5";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is a standard JCA algorithm", e);
        }
    }
}
