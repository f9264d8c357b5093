package io.asyncio4j.streams;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.net.FileNotFoundError;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * CPython's {@code asyncio.subprocess.Process}: a child process whose pipes are streams of the loop.
 *
 * <pre>{@code
 * Subprocess p = Subprocess.exec(List.of("sort"), Redirect.PIPE, Redirect.PIPE, Redirect.INHERIT).await();
 * Subprocess.Output out = p.communicate("b\na\n".getBytes()).await();   // out.stdout() is "a\nb\n"
 * int code = p.waitFor().await();
 * }</pre>
 *
 * <p><b>Threads.</b> The JDK's pipes block, so each child has a few helper threads of its own (daemon platform
 * threads) that move data between the pipes and the loop, handing it over thread-safely; they end when the child has
 * exited and its pipes are drained, so no thread outlives its process. Reads and writes obey the loop's rules:
 * {@link #stdout()} and {@link #stderr()} are {@link StreamReader}s, {@link #stdin()} a {@link StreamWriter} whose
 * {@code drain()} waits while more than 64 KiB is queued.
 *
 * <p><b>Cancellation.</b> Cancelling a task awaiting {@link #waitFor()} or {@link #communicate} leaves the child
 * running; {@link #kill()} or {@link #terminate()} it if it must stop.
 */
public final class Subprocess {
    /** errno 2 as the JDK words a failed exec. */
    private static final Pattern ENOENT = Pattern.compile("error(=|: )2\\b");

    /** Where a standard stream of the child goes. */
    public enum Redirect {
        /** A pipe to this process: a stream of the loop. */
        PIPE,
        /** Nowhere ({@code /dev/null}). */
        DEVNULL,
        /** For stderr only: into the stdout pipe (or wherever stdout goes). */
        STDOUT,
        /** This JVM's own stream. */
        INHERIT
    }

    /**
     * What {@link #communicate} read: stdout and stderr (null where not piped).
     *
     * @param stdout everything the child wrote to stdout, or null if stdout was not {@link Redirect#PIPE}
     * @param stderr everything the child wrote to stderr, or null if stderr was not {@link Redirect#PIPE}
     */
    public record Output(byte[] stdout, byte[] stderr) {
    }

    private final java.lang.Process process;
    private final List<String> args;
    private final ExecutorService pumps;
    /** Set by kill()/terminate(), whose closing of the pipes is then no read error. Read by the pump tasks. */
    private volatile boolean destroyed;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final Future<Integer> exited;
    private final List<Task<Void>> readers = new ArrayList<>();

    private Subprocess(EventLoop loop, java.lang.Process process, List<String> args, ExecutorService pumps,
                       boolean pipeIn, boolean pipeOut, boolean pipeErr) {
        this.process = process;
        this.args = args;
        this.pumps = pumps;
        if (pipeIn) {
            StreamReaderProtocol p = new StreamReaderProtocol(loop, new StreamReader(), null);
            this.stdin = new StreamWriter(new PipeWriteTransport(loop, process.getOutputStream(), pumps, p), p, null);
        } else {
            this.stdin = null;
        }
        this.stdout = pipeOut ? pump(loop, process.getInputStream()) : null;
        this.stderr = pipeErr ? pump(loop, process.getErrorStream()) : null;
        this.exited = loop.runInExecutor(pumps, process::waitFor);
        // When the child has exited and its pipes are drained, the helper threads end.
        List<Future<?>> all = new ArrayList<>(readers);
        all.add(exited);
        Asyncio.gather(true, all.toArray(new Future<?>[0])).addDoneCallback(f -> pumps.shutdown());
    }

    /**
     * Feeds a reader from a blocking pipe, chunk by chunk, each read on a helper thread, no faster than the program
     * reads: while more than twice the reader's limit is unread, the pump waits (and the child blocks on its pipe).
     */
    private StreamReader pump(EventLoop loop, InputStream in) {
        StreamReader reader = new StreamReader();
        PipeReadTransport pipe = new PipeReadTransport(loop, in);
        reader.setTransport(pipe);
        readers.add(loop.createTask(() -> {
            boolean retried = false;
            while (true) {
                pipe.whenReading().await();
                byte[] chunk;
                try {
                    chunk = loop.runInExecutor(pumps, () -> {
                        byte[] buf = new byte[65536];
                        int n = in.read(buf);
                        return n < 0 ? null : Arrays.copyOf(buf, n);
                    }).await();
                } catch (Exception e) {
                    if (!(e instanceof IOException io)) {
                        throw e;
                    }
                    if (process.isAlive() && !destroyed) {
                        reader.setException(new UncheckedIOException("reading from " + args.get(0) + " failed: "
                                + io.getMessage(), io));
                        in.close();
                        return null;
                    }
                    // When the child exits, the JDK's reaper keeps what is left in the pipe for the next read and
                    // closes the pipe: a read racing with it fails with "Stream closed". kill() and terminate()
                    // close the pipes at once, while the child may still be dying. Read once more (what was left,
                    // then the end); after that, the child and its pipe are gone: the stream has ended.
                    if (!retried) {
                        retried = true;
                        continue;
                    }
                    chunk = null;
                }
                if (chunk == null) {
                    reader.feedEof();
                    in.close();
                    return null;
                }
                reader.feedData(chunk);
            }
        }, null));
        return reader;
    }

    /** The failed exec's errno is 2 ({@code ENOENT})? The JDK says it only in a message of the exception or its cause. */
    private static boolean isEnoent(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // "error=2, No such file or directory" (fork, vfork) or "Exec failed, error: 2 (No such ...)" (posix_spawn)
            if (t.getMessage() != null && ENOENT.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * CPython's {@code create_subprocess_exec} with every stream inherited.
     *
     * @param args the program, then its arguments
     * @return a coroutine to await inside a task, giving the started child
     */
    @CheckReturnValue
    public static Coro<Subprocess> exec(String... args) {
        return Coro.named("Subprocess.exec", exec(List.of(args), Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT));
    }

    /**
     * CPython's {@code create_subprocess_exec}: starts {@code args.get(0)} with the rest as its arguments. The
     * start itself blocks the loop's thread briefly (as {@code fork}/{@code exec} does in CPython); the piped
     * streams are then pumped by daemon threads and read and written on the loop. Cancelling a task that awaits the
     * child does not kill it: call {@link #kill()} or {@link #terminate()}.
     *
     * @param args the program, then its arguments
     * @param stdin where the child's stdin comes from ({@link Redirect#STDOUT} is not allowed)
     * @param stdout where the child's stdout goes ({@link Redirect#STDOUT} is not allowed)
     * @param stderr where the child's stderr goes
     * @return a coroutine to await inside a task, giving the started child
     * @throws NullPointerException if {@code args} is null
     * @throws IllegalArgumentException if {@code args} is empty or {@code stdin} or {@code stdout} is
     *         {@link Redirect#STDOUT}
     * @throws FileNotFoundError (when awaited) if there is no such program (CPython's {@code FileNotFoundError},
     *         {@code [Errno 2] No such file or directory: 'name'}); an {@link UncheckedIOException}
     * @throws UncheckedIOException (when awaited) naming the program if it cannot be started for another reason
     */
    @CheckReturnValue
    public static Coro<Subprocess> exec(List<String> args, Redirect stdin, Redirect stdout, Redirect stderr) {
        Objects.requireNonNull(args, "exec: args is null");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("exec: no program given");
        }
        if (stdin == Redirect.STDOUT || stdout == Redirect.STDOUT) {
            throw new IllegalArgumentException("Redirect.STDOUT is for stderr only");
        }
        List<String> argv = List.copyOf(args);
        return Coro.named("Subprocess.exec", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.redirectInput(input(stdin));
            pb.redirectOutput(output(stdout));
            if (stderr == Redirect.STDOUT) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(output(stderr));
            }
            java.lang.Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                if (isEnoent(e)) {
                    throw new FileNotFoundError(argv.get(0), e);
                }
                throw new UncheckedIOException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
            }
            long pid = p.pid();
            AtomicInteger n = new AtomicInteger();
            ExecutorService pumps = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "asyncio4j-subprocess-" + pid + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            return new Subprocess(loop, p, argv, pumps, stdin == Redirect.PIPE, stdout == Redirect.PIPE,
                    stderr == Redirect.PIPE);
        });
    }

    /**
     * CPython's {@code create_subprocess_shell}: runs {@code command} with {@code /bin/sh -c}.
     *
     * @param command the shell command line
     * @param stdin where the child's stdin comes from
     * @param stdout where the child's stdout goes
     * @param stderr where the child's stderr goes
     * @return a coroutine to await inside a task, giving the started shell
     * @throws NullPointerException if {@code command} is null
     */
    @CheckReturnValue
    public static Coro<Subprocess> shell(String command, Redirect stdin, Redirect stdout, Redirect stderr) {
        Objects.requireNonNull(command, "shell: command is null");
        return Coro.named("Subprocess.shell", exec(List.of("/bin/sh", "-c", command), stdin, stdout, stderr));
    }

    private static ProcessBuilder.Redirect input(Redirect r) {
        return switch (r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.from(new File("/dev/null"));
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case STDOUT -> throw new IllegalArgumentException("Redirect.STDOUT is for stderr only");
        };
    }

    private static ProcessBuilder.Redirect output(Redirect r) {
        return switch (r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case STDOUT -> throw new IllegalArgumentException("Redirect.STDOUT is for stderr only");
        };
    }

    /**
     * The child's stdin, as a stream of the loop.
     *
     * @return the stdin, or null unless it was {@link Redirect#PIPE}
     */
    public StreamWriter stdin() {
        return stdin;
    }

    /**
     * The child's stdout, as a stream of the loop.
     *
     * @return the stdout, or null unless it was {@link Redirect#PIPE}
     */
    public StreamReader stdout() {
        return stdout;
    }

    /**
     * The child's stderr, as a stream of the loop.
     *
     * @return the stderr, or null unless it was {@link Redirect#PIPE}
     */
    public StreamReader stderr() {
        return stderr;
    }

    /**
     * The child's process id (CPython's {@code Process.pid}).
     *
     * @return the operating system's id of the child
     */
    public long pid() {
        return process.pid();
    }

    /**
     * CPython's {@code Process.returncode}. Read it on the loop's thread.
     *
     * @return the exit code, or null while the child runs (as seen by the loop)
     */
    public Integer returncode() {
        return exited.done() && exited.exception() == null ? exited.result() : null;
    }

    /**
     * CPython's {@code Process.wait}: waits until the child exits. Cancelling the awaiting task ends only the wait;
     * the child runs on and a later {@code waitFor} still sees its exit.
     *
     * @return a coroutine to await inside a task, giving the exit code (128 + n for a signal n, as the shell
     *         reports it)
     */
    @CheckReturnValue
    public Coro<Integer> waitFor() {
        return Coro.named("Subprocess.waitFor", () -> Asyncio.shield(exited).await());
    }

    /**
     * Writes {@code input} (if not null) to stdin and closes it, reads stdout and stderr to their ends, and waits
     * for the child to exit. CPython's {@code Process.communicate}. Cancelling the awaiting task stops the reading
     * and the waiting, not the child.
     *
     * @param input the bytes for stdin, or null to send nothing
     * @return a coroutine to await inside a task, giving what the child wrote
     * @throws UncheckedIOException (when awaited) if reading stdout or stderr fails
     * @throws IllegalStateException (when awaited) if input is given but stdin is not a pipe
     */
    @CheckReturnValue
    public Coro<Output> communicate(byte[] input) {
        return Coro.named("Subprocess.communicate", () -> {
            if (input != null && stdin == null) {
                throw new IllegalStateException("communicate(input) needs stdin=Redirect.PIPE");
            }
            if (stdin != null) {
                if (input != null) {
                    stdin.write(input);
                }
                stdin.close();
            }
            Coro<byte[]> none = () -> null;
            List<Object> both = Asyncio.gather(true, stdout == null ? none : stdout.read(-1),
                    stderr == null ? none : stderr.read(-1)).await();
            for (Object o : both) {
                if (o instanceof Throwable t) {
                    throw new UncheckedIOException("communicate: reading from " + args.get(0) + " failed",
                            t instanceof IOException io ? io : new IOException(t));
                }
            }
            waitFor().await();
            return new Output((byte[]) both.get(0), (byte[]) both.get(1));
        });
    }

    /** Sends SIGKILL. The JDK closes the pipes from the child at once: its readers end with what they had. */
    public void kill() {
        destroyed = true;
        process.destroyForcibly();
    }

    /** Sends SIGTERM. The JDK closes the pipes from the child at once: its readers end with what they had. */
    public void terminate() {
        destroyed = true;
        process.destroy();
    }

    @Override
    public String toString() {
        return "<Subprocess " + process.pid() + " " + args + (returncode() == null ? "" : " returncode="
                + returncode()) + ">";
    }
}
