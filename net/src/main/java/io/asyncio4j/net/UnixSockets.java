package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The Unix domain socket steps of {@link Net#createUnixConnection} and {@link AbstractServer#listenUnix}, as
 * CPython 3.13's {@code _UnixSelectorEventLoop}: connecting (a missing path is Python's {@code FileNotFoundError},
 * here a {@link ConnectionError} naming the path), binding over a stale socket file (removed first) but never over
 * any other file, and removing the socket file on close only if it is still the one bound.
 */
final class UnixSockets {
    /** {@code S_IFMT} and {@code S_IFSOCK} of {@code st_mode}. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private UnixSockets() {
    }

    /** The address of {@code path}, or an {@link UncheckedIOException} naming it (a path of another file system). */
    static UnixDomainSocketAddress address(Path path) {
        Objects.requireNonNull(path, "the socket path is null");
        try {
            return UnixDomainSocketAddress.of(path);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException("not a Unix socket path: " + path, new IOException(e.getMessage(), e));
        }
    }

    /**
     * Connects a new Unix channel to {@code path} on the running loop. A listener whose backlog is full makes a
     * non-blocking connect fail at once with {@code EAGAIN} (the JDK then closes the channel), where a blocking
     * client would wait: so the connect is tried again with a new channel, after 1 ms, then twice as long each
     * time up to 50 ms, until it succeeds, fails otherwise, or the awaiting task is cancelled (the caller's
     * timeout bounds it). Every channel that does not end connected is closed.
     *
     * @throws ConnectionError naming the path: {@link ConnectionRefusedError} if no one listens there (a stale
     *         socket file, another kind of file), a plain one whose cause is a {@link NoSuchFileException} if
     *         there is no such file
     */
    static SocketChannel connect(Path path) {
        UnixDomainSocketAddress address = address(path);
        String peer = "unix socket " + path;
        double delay = 0.001;
        while (true) {
            SocketChannel ch;
            try {
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            } catch (IOException e) {
                throw ConnectionError.of(peer, e);
            }
            try {
                ch.configureBlocking(false);
                ch.connect(address); // a Unix connect completes at once or fails
                return ch;
            } catch (IOException e) {
                Net.closeQuietly(ch);
                if (!backlogFull(e)) {
                    throw connectError(path, peer, e);
                }
            } catch (Throwable e) {
                Net.closeQuietly(ch);
                throw e;
            }
            Asyncio.sleep(delay).await();
            delay = Math.min(delay * 2, 0.05);
        }
    }

    /** EAGAIN on connect: the listener's backlog is full (Linux); the JDK reports it as a plain socket error. */
    private static boolean backlogFull(IOException e) {
        return e instanceof SocketException && !(e instanceof java.net.ConnectException) && e.getMessage() != null
                && e.getMessage().contains("temporarily unavailable");
    }

    /** ENOENT is CPython's {@code FileNotFoundError}: its words and the path, the JDK's exception as the cause. */
    private static ConnectionError connectError(Path path, String peer, IOException e) {
        if (e instanceof SocketException && !(e instanceof java.net.ConnectException)
                && "No such file or directory".equals(e.getMessage())) {
            NoSuchFileException missing = new NoSuchFileException(path.toString(), null,
                    "No such file or directory");
            missing.initCause(e);
            return new ConnectionError("cannot connect to " + peer + ": [Errno 2] No such file or directory: '"
                    + path + "'", missing);
        }
        return ConnectionError.of(peer, e);
    }

    /**
     * Binds a new, non-blocking Unix listening channel to {@code path} with {@code backlog}: a socket file already
     * there is removed first (CPython: a stale socket of an earlier run; a live server there loses its name), any
     * other file makes the bind fail ({@code Address already in use}) and is left alone.
     *
     * @throws UncheckedIOException naming the path if binding fails
     */
    static ServerSocketChannel bind(Path path, int backlog) {
        UnixDomainSocketAddress address = address(path);
        try {
            if (isSocket(path)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on unix socket " + path + ": cannot remove the stale"
                    + " socket file: " + e.getMessage(), e);
        }
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(address, backlog);
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            if (ch != null) {
                Net.closeQuietly(ch);
            }
            String why = Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !isSocketQuietly(path)
                    ? " (a file that is not a socket is there)" : "";
            throw new UncheckedIOException("cannot listen on unix socket " + path + ": " + e.getMessage() + why, e);
        }
    }

    /** The identity ({@code st_dev}, {@code st_ino}) of the file at {@code path}, or null if there is none. */
    static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * CPython 3.13's {@code cleanup_socket}: removes the socket file at {@code path} if it is still the one the
     * server bound ({@code key}); a file another process put there since is left alone. Never throws.
     */
    static void cleanup(Path path, Object key) {
        try {
            if (key != null && key.equals(fileKey(path)) && isSocket(path)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | RuntimeException ignored) {
            // as CPython: a file that cannot be removed stays
        }
    }

    /** Whether {@code path} names a socket (not following a symbolic link); false if there is no file. */
    static boolean isSocket(Path path) throws IOException {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) mode & S_IFMT) == S_IFSOCK;
        } catch (NoSuchFileException e) {
            return false;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" view: "other" (neither file, directory nor link) is the closest the JDK says
            try {
                return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
            } catch (NoSuchFileException gone) {
                return false;
            }
        }
    }

    private static boolean isSocketQuietly(Path path) {
        try {
            return isSocket(path);
        } catch (IOException e) {
            return false;
        }
    }
}
