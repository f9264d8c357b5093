package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.internal.PercentEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The handler of a static route ({@link Router#addStatic}): aiohttp's {@code StaticResource}. The file is the
 * route's {@code filename} match under the root; it is refused with 404 if the request encodes a slash
 * ({@code %2F}) or if the name, normalised ({@code ..} removed), leaves the root; with 403 for an absolute name.
 * Symlinks as aiohttp 3.8 treats them: by default the real path (symlinks resolved) must lie inside the root (404
 * otherwise); with {@link StaticOptions#followSymlinks()} it may lie anywhere. A directory gets 403, or its listing
 * with {@link StaticOptions#showIndex()}. The checks and listings that touch the disk run off the loop.
 */
final class StaticFiles implements Handler {
    private final Path root;
    private final String prefix;
    private final StaticOptions options;

    /**
     * @param root   an existing directory, as a real path (symlinks resolved)
     * @param prefix the route's prefix, without a trailing slash (for the listing's links)
     */
    StaticFiles(Path root, String prefix, StaticOptions options) {
        this.root = root;
        this.prefix = prefix;
        this.options = options;
    }

    @Override
    public Response handle(Request request) throws Exception {
        if (request.routingPath().contains("%2F")) {
            throw new HTTPNotFound(); // an encoded slash: not a file name
        }
        String filename = request.matchInfo().getOrDefault("filename", ""); // none: the prefix itself, the root
        Path rel;
        try {
            rel = Path.of(filename);
        } catch (InvalidPathException e) {
            throw new HTTPNotFound();
        }
        if (rel.isAbsolute()) {
            throw new HTTPForbidden();
        }
        Path target = root.resolve(rel).normalize();
        if (!target.startsWith(root)) {
            throw new HTTPNotFound();
        }
        Object found = Asyncio.toThread(() -> {
            Path real;
            try {
                real = target.toRealPath();
            } catch (IOException e) {
                throw new HTTPNotFound();
            }
            if (!options.followSymlinks() && !real.startsWith(root)) {
                throw new HTTPNotFound(); // a symlink out of the root
            }
            if (Files.isDirectory(real)) {
                if (!options.showIndex()) {
                    throw new HTTPForbidden();
                }
                try {
                    return directoryAsHtml(target, real);
                } catch (AccessDeniedException e) {
                    throw new HTTPForbidden();
                }
            }
            if (!Files.isRegularFile(real)) {
                throw new HTTPNotFound();
            }
            return real;
        }).await();
        if (found instanceof String html) {
            return Response.text(html, "text/html");
        }
        return new FileResponse((Path) found, options.chunkSize(), options.followSymlinks() ? null : root);
    }

    /**
     * aiohttp's {@code _directory_as_html}: the entries of {@code dir} sorted by name, each a link under the prefix
     * (a directory's name ends with {@code /}), names HTML-escaped and links percent-encoded (as aiohttp 3.9 does;
     * 3.8 wrote them raw).
     *
     * @param dir  the directory as requested (under the root)
     * @param real the directory it is (symlinks resolved)
     */
    private String directoryAsHtml(Path dir, Path real) throws IOException {
        String relDir = root.relativize(dir).toString();
        String indexOf = "Index of /" + escape(relDir.isEmpty() ? "." : relDir);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(real)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        }
        names.sort(StaticFiles::compareCodePoints); // Python sorts str by code point
        StringBuilder ul = new StringBuilder("<ul>\n");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String rel = relDir.isEmpty() ? name : relDir + "/" + name;
            StringBuilder url = new StringBuilder();
            PercentEncoder.appendPath(url, prefix + "/" + rel);
            String shown = Files.isDirectory(real.resolve(name)) ? name + "/" : name;
            ul.append("<li><a href=\"").append(url).append("\">").append(escape(shown)).append("</a></li>");
            ul.append(i + 1 < names.size() ? "\n" : "");
        }
        ul.append("\n</ul>");
        return "<html>\n<head>\n<title>" + indexOf + "</title>\n</head>\n<body>\n<h1>" + indexOf + "</h1>\n" + ul
                + "\n</body>\n</html>";
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Python's {@code html.escape(s, quote=True)}. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
    }
}
