package io.asyncio4j.net;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Python's {@code FileNotFoundError} (an {@code OSError} with {@code errno} 2, {@code ENOENT}): a file, or a program
 * to run, that does not exist. The message is CPython's, {@code [Errno 2] No such file or directory: 'name'}; the
 * cause is the JDK's {@link IOException}.
 *
 * <p>Unchecked, like {@link ConnectionError}, so that it can be caught around {@code await()}:
 * {@code catch (FileNotFoundError e)} compiles there, where {@code catch (java.io.FileNotFoundException e)} would
 * not (javac refuses to catch a checked exception that the {@code try} block does not declare, and {@code await()}
 * declares none). It is an {@link UncheckedIOException}, so code catching that catches it too.
 */
public class FileNotFoundError extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    /** The name that was not found, as given. */
    private final String filename;

    /**
     * A {@code FileNotFoundError} for {@code filename}, with CPython's message.
     *
     * @param filename the name that was not found, as given
     * @param cause the JDK's exception
     */
    public FileNotFoundError(String filename, IOException cause) {
        super("[Errno 2] No such file or directory: " + quote(filename), cause);
        this.filename = filename;
    }

    /**
     * Python's {@code e.filename}.
     *
     * @return the name that was not found, as given
     */
    public String filename() {
        return filename;
    }

    /**
     * Python's {@code e.errno}.
     *
     * @return always 2 ({@code ENOENT})
     */
    public int errno() {
        return 2;
    }

    private static String quote(String s) {
        return s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' + s + '"' : "'" + s.replace("'", "\\'") + "'";
    }
}
