package io.asyncio4j.http.web;

import java.util.Objects;

/**
 * The options of a static route ({@link Router#addStatic(String, java.nio.file.Path, StaticOptions)}), aiohttp's
 * keyword arguments of {@code add_static}. An immutable value: each method returns a copy with one option changed.
 *
 * <pre>{@code
 * app.router().addStatic("/static", Path.of("public"), StaticOptions.DEFAULT.name("static").showIndex(true));
 * }</pre>
 *
 * @param name           the route's name for {@link Router#named} ({@code name=}), or null
 * @param chunkSize      the bytes read and sent at a time ({@code chunk_size=}, 256 KiB)
 * @param showIndex      whether a directory is answered with the HTML list of its entries ({@code show_index=},
 *                       false: 403)
 * @param followSymlinks whether a symlink may lead out of the root ({@code follow_symlinks=}, false: as aiohttp 3.8,
 *                       a symlink is served only if its target, fully resolved, lies inside the root, else 404;
 *                       either way {@code ..} cannot climb out of the root)
 */
public record StaticOptions(String name, int chunkSize, boolean showIndex, boolean followSymlinks) {
    /** aiohttp's defaults: no name, 256 KiB chunks, no listings, no symlinks out of the root. */
    public static final StaticOptions DEFAULT = new StaticOptions(null, FileResponse.DEFAULT_CHUNK_SIZE, false,
            false);

    /**
     * Checks the chunk size.
     *
     * @throws IllegalArgumentException if {@code chunkSize} is not positive
     */
    public StaticOptions {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be > 0, not " + chunkSize);
        }
    }

    /**
     * These options with the route named {@code name}.
     *
     * @param name the route's name for {@link Router#named}: identifiers separated by {@code .}, {@code :} or
     *             {@code -} (checked by {@link Router#addStatic(String, java.nio.file.Path, StaticOptions)})
     * @return new options
     * @throws NullPointerException if {@code name} is null
     */
    public StaticOptions name(String name) {
        return new StaticOptions(Objects.requireNonNull(name, "name"), chunkSize, showIndex, followSymlinks);
    }

    /**
     * These options with directory listings on or off.
     *
     * @param show whether a directory is answered with the HTML list of its entries
     * @return new options
     */
    public StaticOptions showIndex(boolean show) {
        return new StaticOptions(name, chunkSize, show, followSymlinks);
    }

    /**
     * These options with symlinks out of the root followed or refused.
     *
     * @param follow whether a symlink may lead out of the root
     * @return new options
     */
    public StaticOptions followSymlinks(boolean follow) {
        return new StaticOptions(name, chunkSize, showIndex, follow);
    }

    /**
     * These options with chunks of {@code bytes}.
     *
     * @param bytes the bytes read and sent at a time, positive
     * @return new options
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public StaticOptions chunkSize(int bytes) {
        return new StaticOptions(name, bytes, showIndex, followSymlinks);
    }
}
