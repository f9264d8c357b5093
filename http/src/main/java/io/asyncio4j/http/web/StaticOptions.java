package io.asyncio4j.http.web;

import java.util.Objects;

/**
 * The options of a static route ({@link Router#addStatic(String, java.nio.file.Path, StaticOptions)}), aiohttp's
 * keyword arguments of {@code add_static}. An immutable value: each method returns a copy with one option changed.
 *
 * <pre>{@code
 * app.router().addStatic("/static", Path.of("public"), StaticOptions.DEFAULT.name("static"));
 * }</pre>
 *
 * @param name      the route's name for {@link Router#named} ({@code name=}), or null
 * @param chunkSize the bytes read and sent at a time ({@code chunk_size=}, 256 KiB)
 */
public record StaticOptions(String name, int chunkSize) {
    /** aiohttp's defaults: no name, 256 KiB chunks. */
    public static final StaticOptions DEFAULT = new StaticOptions(null, FileResponse.DEFAULT_CHUNK_SIZE);

    /** @throws IllegalArgumentException if {@code chunkSize} is not positive */
    public StaticOptions {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be > 0, not " + chunkSize);
        }
    }

    /** These options with the route named {@code name}. */
    public StaticOptions name(String name) {
        return new StaticOptions(Objects.requireNonNull(name, "name"), chunkSize);
    }

    /** These options with chunks of {@code bytes}. */
    public StaticOptions chunkSize(int bytes) {
        return new StaticOptions(name, bytes);
    }
}
