package io.asyncio4j.http;

import io.asyncio4j.http.spi.ContentCodingProvider;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The content codings other artifacts provide ({@link ContentCodingProvider}, e.g. {@code br} from
 * {@code asyncio4j-brotli}), discovered with {@link ServiceLoader} on first use and cached: the lookup runs in the
 * initialisation of a holder class, which the JVM does once, thread-safely, when {@link #provider(String)},
 * {@link #names()} or {@link #acceptEncoding()} is first called, not when the client or server classes load.
 * Providers that cannot be loaded, are unavailable here or name a built-in coding are skipped, as
 * {@link ContentCodingProvider} says.
 */
final class ContentCodings {
    private static final Set<String> BUILT_IN = Set.of("gzip", "x-gzip", "deflate", "identity");
    /** Load failures after which discovery stops (ServiceLoader resumes after one only on a best-effort basis). */
    private static final int MAX_BROKEN = 16;

    private ContentCodings() {
    }

    /** The available providers by coding, in discovery order: built on first access. */
    private static final class Loaded {
        static final Map<String, ContentCodingProvider> PROVIDERS = discover();
        static final String ACCEPT_ENCODING = PROVIDERS.isEmpty() ? "gzip, deflate"
                : "gzip, deflate, " + String.join(", ", PROVIDERS.keySet());

        private static Map<String, ContentCodingProvider> discover() {
            Map<String, ContentCodingProvider> found = new LinkedHashMap<>();
            Iterator<ContentCodingProvider> it = ServiceLoader.load(ContentCodingProvider.class,
                    ContentCodingProvider.class.getClassLoader()).iterator();
            for (int broken = 0; broken < MAX_BROKEN; ) {
                ContentCodingProvider p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    broken++;   // a provider that cannot be loaded is skipped; the others still count
                    continue;
                }
                try {
                    String coding = p.coding();
                    if (coding != null && !BUILT_IN.contains(coding) && !found.containsKey(coding)
                            && p.available()) {
                        found.put(coding, p);
                    }
                } catch (RuntimeException | LinkageError e) {
                    // unavailable here (e.g. its native library did not load): not offered
                }
            }
            return Collections.unmodifiableMap(found);
        }
    }

    /** The available provider of {@code coding} (lower case), or null. */
    static ContentCodingProvider provider(String coding) {
        return Loaded.PROVIDERS.get(coding);
    }

    /** The available provided codings, in discovery order. */
    static Set<String> names() {
        return Loaded.PROVIDERS.keySet();
    }

    /** The client's {@code Accept-Encoding}: {@code gzip, deflate}, then the provided codings in discovery order. */
    static String acceptEncoding() {
        return Loaded.ACCEPT_ENCODING;
    }
}
