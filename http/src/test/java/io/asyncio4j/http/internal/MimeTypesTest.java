package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link MimeTypes} against Python: every row is {@code (name, *mimetypes.guess_type(name))} as
 * {@code /usr/bin/python3} 3.11.2 printed it on a Debian 12 machine with {@code media-types} 10.0.0, where
 * {@code mimetypes.types_map} has 1,550 entries (issue 17 item 9).
 */
class MimeTypesTest {
    private static final String[][] PYTHON = {
            {"a.js", "text/javascript", null},
            {"a.mjs", "text/javascript", null},
            {"a.json", "application/json", null},
            {"a.xml", "application/xml", null},
            {"a.md", "text/markdown", null},
            {"a.ico", "image/vnd.microsoft.icon", null},
            {"a.wasm", "application/wasm", null},
            {"a.webp", "image/webp", null},
            {"a.avif", "image/avif", null},
            {"a.woff2", "font/woff2", null},
            {"a.woff", "font/woff", null},
            {"a.txt", "text/plain", null},
            {"a.csv", "text/csv", null},
            {"a.svg", "image/svg+xml", null},
            {"a.mp4", "video/mp4", null},
            {"a.webm", "video/webm", null},
            {"a.ogg", "audio/ogg", null},
            {"a.flac", "audio/flac", null},
            {"a.epub", "application/epub+zip", null},
            {"a.apk", "application/vnd.android.package-archive", null},
            {"a.yaml", null, null},
            {"a.heic", "image/heic", null},
            {"A.PNG", "image/png", null},
            {"a.JPG", "image/jpeg", null},
            {"a.tar.gz", "application/x-tar", "gzip"},
            {"a.svgz", "image/svg+xml", "gzip"},
            {"a.tgz", "application/x-tar", "gzip"},
            {"a.tbz2", "application/x-tar", "bzip2"},
            {"a.txz", "application/x-tar", "xz"},
            {"a.jar", "application/java-archive", null},
            {"a.py", "text/x-python", null},
            {"a.java", "text/x-java", null},
            {"a.rtf", "application/rtf", null},
            {"a.exe", "application/x-msdos-program", null},
            {"a.deb", "application/vnd.debian.binary-package", null},
            {"a.otf", "font/otf", null},
            {"a.ttf", "font/ttf", null},
            {"a.m4a", "audio/mp4", null},
            {"a.opus", "audio/ogg", null},
            {"a.jsonld", "application/ld+json", null},
            {"a.php", null, null},
            {"a.sh", "text/x-sh", null},
            {"a.c", "text/x-csrc", null},
            {"a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", null},
            {"a.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null},
            {"a.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", null},
            {"a.odt", "application/vnd.oasis.opendocument.text", null},
            {"a.xz", null, "xz"},
            {"a.Z", null, "compress"},
            {"a.gz", null, "gzip"},
            {"a.css.br", "text/css", "br"},
            {"a.zst", "application/zstd", null},
            {"a.7z", "application/x-7z-compressed", null},
            {"a.rar", "application/vnd.rar", null},
            {"a.bin", "application/octet-stream", null},
            {"a.dat", null, null},
            {"a", null, null},
            {"a.html", "text/html", null},
            {"a.htm", "text/html", null},
            {"a.css", "text/css", null},
            {"a.pdf", "application/pdf", null},
            {"a.zip", "application/zip", null},
            {"a.mp3", "audio/mpeg", null},
            {"a.gif", "image/gif", null},
            {"a.jpeg", "image/jpeg", null},
            {"a.bmp", "image/bmp", null},
            {"a.tiff", "image/tiff", null},
            {"a.wav", "audio/x-wav", null},
            {"a.avi", "video/x-msvideo", null},
            {"a.mov", "video/quicktime", null},
            {"a.mkv", "video/x-matroska", null},
            {"a.ics", "text/calendar", null},
            {"a.vcf", "text/vcard", null},
            {"a.3gp", "audio/3gpp", null},
            {"a.mht", "message/rfc822", null},
            {"a.so", "application/octet-stream", null},
            {"a.h5", "application/x-hdf5", null},
            {"a.ksh", "text/plain", null},
            {".bashrc", null, null},
            {"..png", null, null},
            {"dir/a.b/c", null, null},
            {"x.tar.GZ", "application/gzip", null},
            {"a.SVGZ", "image/svg+xml", "gzip"},
            {"a.ps", "application/postscript", null},
            {"a.eps", "application/postscript", null},
            {"a.tex", "text/x-tex", null},
            {"a.iso", "application/x-iso9660-image", null},
            {"a.dmg", "application/x-apple-diskimage", null},
            {"a.msi", "application/x-msi", null},
            {"a.atom", "application/atom+xml", null},
            {"a.rss", "application/x-rss+xml", null},
            {"a.manifest", "text/cache-manifest", null},
            {"a.webmanifest", "application/manifest+json", null},
            {"a.appcache", "text/cache-manifest", null},
            {"a.map", null, null},
            {"a.ts", "text/vnd.trolltech.linguist", null},
            {"a.tsx", null, null},
            {"a.jsx", null, null},
            {"a.vue", null, null},
            {"a.swf", "application/vnd.adobe.flash.movie", null},
    };

    @Test
    void guessesWhatPythonsMimetypesGuessesOnDebian() {
        for (String[] row : PYTHON) {
            assertThat(MimeTypes.guessType(row[0])).as(row[0]).containsExactly(row[1], row[2]);
        }
    }

    @Test
    void theTableIsPythonsEntryForEntry() {
        assertThat(MimeTypes.size()).isEqualTo(1550);
        assertThat(MimeTypes.PYTHON_ONLY).hasSize(17);
    }
}
