package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The handler of a static route ({@link Router#addStatic}): aiohttp's {@code StaticResource} without directory
 * listings or symlink following. The file is the route's {@code filename} match under the root; it is refused
 * with 404 if the request encodes a slash ({@code %2F}), if the name, normalised ({@code ..} removed), leaves the
 * root, or if the real path (symlinks resolved) lies outside the root; with 403 for an absolute name and for a
 * directory. The checks that touch the disk run off the loop.
 */
final class StaticFiles implements Handler {
    private final Path root;
    private final StaticOptions options;

    /** @param root an existing directory, as a real path (symlinks resolved) */
    StaticFiles(Path root, StaticOptions options) {
        this.root = root;
        this.options = options;
    }

    @Override
    public Response handle(Request request) throws Exception {
        if (request.routingPath().contains("%2F")) {
            throw new HTTPNotFound(); // an encoded slash: not a file name
        }
        String filename = request.matchInfo("filename");
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
        Path file = Asyncio.toThread(() -> {
            Path real;
            try {
                real = target.toRealPath();
            } catch (IOException e) {
                throw new HTTPNotFound();
            }
            if (!real.startsWith(root)) {
                throw new HTTPNotFound(); // a symlink out of the root
            }
            if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new HTTPForbidden();
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new HTTPNotFound();
            }
            return real;
        }).await();
        return new FileResponse(file, options.chunkSize());
    }
}
