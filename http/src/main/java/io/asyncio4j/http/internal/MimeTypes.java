package io.asyncio4j.http.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code mimetypes.guess_type} for a file name, as aiohttp's {@code FileResponse} and {@code FormData} call
 * it, with the table Python has on a Debian or Ubuntu server (where {@code mimetypes} reads
 * {@code /etc/mime.types}): CPython 3.11's built-in table, overridden by Debian's {@code media-types} list.
 *
 * <p><b>The table.</b> {@code mime.types} beside this class is Debian's {@code media-types} 10.0.0
 * {@code /etc/mime.types} as it is (public domain; 1,533 extensions, kept by Debian from IANA's registry and
 * distributions' reports; to update it, copy a newer package's file over it), read as Python reads it: a type,
 * then its extensions, {@code #} to the end of a line a comment, a later line winning for an extension listed
 * twice. {@link #PYTHON_ONLY} holds the 17 entries of CPython 3.11's {@code _types_map_default} that Debian's list
 * lacks. Together they are Python's {@code mimetypes.types_map} on such a machine, entry for entry (1,550), which
 * {@code MimeTypesTest} samples. Not the JDK's {@code content-types.properties} (about 70 types) nor Jetty's
 * {@code MimeTypes} (its initialisation asks for the JVM's locales: some 60 ms).
 *
 * <p><b>Cost.</b> Nothing is read until the first guess: the table is a lazy holder's, read (a few milliseconds)
 * under the JVM's class-initialisation lock on the first file served or attached, so a server's first plain
 * response pays nothing. Thread-safe: the table is not changed after it is read.
 */
public final class MimeTypes {
    /** Python's {@code suffix_map}: a suffix that stands for two. */
    private static final Map<String, String> SUFFIXES = Map.of(".svgz", ".svg.gz", ".tgz", ".tar.gz",
            ".taz", ".tar.gz", ".tz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz", ".tar.xz");
    /** Python's {@code encodings_map} (case-sensitive, as Python's). */
    private static final Map<String, String> ENCODINGS = Map.of(".gz", "gzip", ".Z", "compress", ".bz2", "bzip2",
            ".xz", "xz", ".br", "br");
    /** CPython 3.11's built-in entries that Debian's list does not have: the table's base, under Debian's. */
    static final Map<String, String> PYTHON_ONLY = Map.ofEntries(
            Map.entry(".3g2", "audio/3gpp2"), Map.entry(".3gp", "audio/3gpp"), Map.entry(".3gpp", "audio/3gpp"),
            Map.entry(".3gpp2", "audio/3gpp2"), Map.entry(".h5", "application/x-hdf5"),
            Map.entry(".ksh", "text/plain"), Map.entry(".mht", "message/rfc822"),
            Map.entry(".mhtml", "message/rfc822"), Map.entry(".mpa", "video/mpeg"),
            Map.entry(".nws", "message/rfc822"), Map.entry(".ppa", "application/vnd.ms-powerpoint"),
            Map.entry(".pwz", "application/vnd.ms-powerpoint"), Map.entry(".rtx", "text/richtext"),
            Map.entry(".so", "application/octet-stream"), Map.entry(".wiz", "application/msword"),
            Map.entry(".xlb", "application/vnd.ms-excel"), Map.entry(".xpdl", "application/xml"));

    private MimeTypes() {
    }

    /** The lazy holder: initialised, reading the table, on the first lookup. */
    private static final class Table {
        static final Map<String, String> TYPES = read();
    }

    /**
     * Python's {@code mimetypes.guess_type(name)}: the media type and the content coding of a file name;
     * {@code page.html} is {@code {text/html, null}}, {@code a.tar.gz} {@code {application/x-tar, gzip}},
     * {@code a.svgz} {@code {image/svg+xml, gzip}}, {@code README} {@code {null, null}}. The extension is matched in
     * any case, the coding's suffix exactly, as Python matches them.
     *
     * @param name a file name (a path's last part, or a path with {@code /})
     * @return {type or null, coding or null}
     */
    public static String[] guessType(String name) {
        String[] be = splitext(name);
        String sfx;
        while ((sfx = SUFFIXES.get(be[1].toLowerCase(Locale.ROOT))) != null) {
            be = splitext(be[0] + sfx);
        }
        String encoding = ENCODINGS.get(be[1]);
        if (encoding != null) {
            be = splitext(be[0]);
        }
        String type = be[1].isEmpty() ? null : Table.TYPES.get(be[1].toLowerCase(Locale.ROOT));
        return new String[] {type, encoding};
    }

    /**
     * The number of extensions the table knows.
     *
     * @return its size (reading it if it has not been read)
     */
    static int size() {
        return Table.TYPES.size();
    }

    /** Python's {@code posixpath.splitext}: {root, ext}, ext from the last dot of the last part, leading dots not one. */
    private static String[] splitext(String p) {
        int sep = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot > sep) {
            for (int i = sep + 1; i < dot; i++) {
                if (p.charAt(i) != '.') {
                    return new String[] {p.substring(0, dot), p.substring(dot)};
                }
            }
        }
        return new String[] {p, ""};
    }

    private static Map<String, String> read() {
        Map<String, String> types = new HashMap<>(PYTHON_ONLY);
        try (InputStream in = MimeTypes.class.getResourceAsStream("mime.types")) {
            if (in == null) {
                throw new IllegalStateException("mime.types is missing beside " + MimeTypes.class.getName());
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String[] words = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                for (int i = 1; i < words.length; i++) {
                    types.put("." + words[i], words[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(types);
    }
}
