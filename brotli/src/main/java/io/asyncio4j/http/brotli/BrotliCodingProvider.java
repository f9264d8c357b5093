package io.asyncio4j.http.brotli;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.service.BrotliNativeProvider;
import io.asyncio4j.http.spi.ContentCodingProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ServiceLoader;

/**
 * {@code Content-Encoding: br} (Brotli, RFC 7932) for {@code asyncio4j-http}, through brotli4j (Google's C library
 * over JNI; Maven picks the platform's native jar). Registered in
 * {@code META-INF/services/io.asyncio4j.http.spi.ContentCodingProvider}: with this artifact on the class path the
 * client offers {@code gzip, deflate, br}, decodes {@code br} responses and
 * {@code io.asyncio4j.http.Compressor.forEncoding("br")} works.
 *
 * <p><b>The native library loads when first needed</b>: on the first {@code br} body decoded or encoded, not when
 * the client offers {@code br}. So a program that never sees a {@code br} body pays nothing for it (no native load,
 * none of the JDK's "restricted method" warnings without {@code --enable-native-access}). {@link #available()} only
 * checks, without loading native code, that there is a library to load: brotli4j's native jar for a platform on the
 * class path or module path (a {@code BrotliNativeProvider} service, which Maven picks for the build's platform), or
 * the {@code brotli4j.library.path} system property naming the library file. If the load then fails, that body's
 * decoder cannot start (the client's {@code ClientPayloadError} says why) and so does every later {@code br} body's;
 * nothing crashes.
 *
 * <p>Stateless and thread-safe; each decoder or encoder serves one body on one thread at a time. Java code that
 * loads native libraries should run with {@code --enable-native-access=ALL-UNNAMED} (or the module's name), or
 * the JDK prints a warning when the library loads.
 */
public final class BrotliCodingProvider implements ContentCodingProvider {
    /** The provider {@link java.util.ServiceLoader} instantiates; it loads nothing until asked. */
    public BrotliCodingProvider() {
    }

    /** {@inheritDoc} This provider's coding is {@code br}. */
    @Override
    public String coding() {
        return "br";
    }

    /**
     * {@inheritDoc} Loads no native code: true if brotli4j's native library is there to load, where brotli4j looks
     * for it: the file the {@code brotli4j.library.path} property names, or brotli4j's native jar for this platform
     * ({@code lib/<platform>/libbrotli.so} on the class path or module path, or a {@code BrotliNativeProvider}
     * service). The library itself loads on the first body, see the class comment.
     */
    @Override
    public boolean available() {
        try {
            if (System.getProperty("brotli4j.library.path") != null) {
                return true; // brotli4j loads that file and nothing else; a failure shows on the first body
            }
            ClassLoader loader = BrotliNativeProvider.class.getClassLoader();
            String platform = platform();
            if (platform != null && loader.getResource("lib/" + platform + "/" + System.mapLibraryName("brotli"))
                    != null) {
                return true;
            }
            return ServiceLoader.load(BrotliNativeProvider.class, loader).stream().findAny().isPresent();
        } catch (RuntimeException | LinkageError e) {
            return false; // brotli4j's service interface missing, or a broken service file: nothing to load
        }
    }

    /**
     * The directory of brotli4j's native jars for this JVM's platform ({@code linux-x86_64}, {@code osx-aarch64},
     * ...): brotli4j 1.x's names for {@code os.name} and {@code os.arch}, or null where it has no native jar.
     */
    static String platform() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        String prefix;
        if (os.equalsIgnoreCase("Linux")) {
            prefix = "linux-";
        } else if (os.startsWith("Windows")) {
            prefix = "windows-";
        } else if (os.startsWith("Mac")) {
            prefix = "osx-";
        } else {
            return null;
        }
        String a = switch (arch.toLowerCase(java.util.Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch64";
            case "arm" -> "armv7";
            case "s390x" -> "s390x";
            case "ppc64le" -> "ppc64le";
            case "riscv64" -> "riscv64";
            default -> null;
        };
        return a == null ? null : prefix + a;
    }

    @Override
    public Decoder newDecoder() throws IOException {
        requireAvailable();
        return new BrotliDecoder();
    }

    @Override
    public OutputStream newEncoder(OutputStream sink) throws IOException {
        requireAvailable();
        return new BrotliOutputStream(sink);
    }

    private static void requireAvailable() throws IOException {
        if (!BrotliDecoder.available()) {
            throw new IOException("Brotli's native library did not load", BrotliDecoder.unavailabilityCause());
        }
    }
}
