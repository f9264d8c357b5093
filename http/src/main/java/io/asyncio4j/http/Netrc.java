package io.asyncio4j.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credentials of a {@code .netrc} file for a host, as CPython's {@code netrc} module reads them, for aiohttp's
 * {@code trust_env} (a proxy without credentials in its URL gets the file's for its host). The file is
 * {@code $NETRC}, else {@code .netrc} in {@code $HOME} (the {@code user.home} property without it). A file that is
 * missing, unreadable or malformed gives no credentials, as in aiohttp (which logs a warning). Stateless: the file is
 * read at each lookup.
 */
final class Netrc {
    private Netrc() {
    }

    /**
     * The Basic credentials for {@code host}: its (last) {@code machine} entry, else the {@code default} one; the
     * login is the entry's {@code login}, else its {@code account} (aiohttp's choice). Null if there is none.
     */
    static BasicAuth credentials(String host, Map<String, String> env) {
        String named = env.get("NETRC");
        Path file = named != null ? Path.of(named)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".netrc");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
        try {
            return parse(text, host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The credentials for {@code host} in netrc {@code text}. A token starting with {@code #} comments out the rest
     * of its line; a {@code macdef} runs to the next blank line.
     *
     * @throws IllegalArgumentException if the text is malformed (a token without its value, an unknown token)
     */
    static BasicAuth parse(String text, String host) {
        List<String> tokens = tokens(text);
        BasicAuth found = null;
        BasicAuth fallback = null;
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i++);
            boolean isDefault = t.equals("default");
            if (!isDefault && !t.equals("machine")) {
                throw new IllegalArgumentException("bad token " + t);
            }
            String machine = isDefault ? null : value(tokens, i++);
            String login = "";
            String account = "";
            String password = "";
            while (i < tokens.size() && !tokens.get(i).equals("machine") && !tokens.get(i).equals("default")) {
                String key = tokens.get(i++);
                String v = value(tokens, i++);
                switch (key) {
                    case "login", "user" -> login = v;
                    case "account" -> account = v;
                    case "password" -> password = v;
                    default -> throw new IllegalArgumentException("bad token " + key);
                }
            }
            BasicAuth auth = new BasicAuth(login.isEmpty() ? account : login, password);
            if (isDefault) {
                fallback = auth;
            } else if (machine.equals(host)) {
                found = auth;   // a later entry for the same machine replaces an earlier one, as in CPython
            }
        }
        return found != null ? found : fallback;
    }

    /** The tokens of {@code text}, without comments and macros. */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        boolean inMacro = false;
        for (String line : text.split("\\R", -1)) {
            if (inMacro) {
                inMacro = !line.isBlank();
                continue;
            }
            for (String t : line.strip().split("\\s+")) {
                if (t.isEmpty() || t.startsWith("#")) {
                    break;
                }
                if (t.equals("macdef")) {
                    inMacro = true;
                    break;
                }
                out.add(t);
            }
        }
        return out;
    }

    private static String value(List<String> tokens, int i) {
        if (i >= tokens.size()) {
            throw new IllegalArgumentException("missing value for " + tokens.get(i - 1));
        }
        return tokens.get(i);
    }
}
