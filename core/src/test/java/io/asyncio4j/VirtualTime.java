package io.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Test support: running a coroutine on a fresh loop in virtual time, and a Python-named exception. */
final class VirtualTime {
    private VirtualTime() {
    }

    /** Runs {@code main} on a new virtual-time runner and closes it. */
    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner().virtualTime(true)) {
            return r.run(main);
        }
    }

    /**
     * Runs {@code body} on a new virtual-time runner with a {@link Log} and returns its lines: the twin of a Python
     * program that prints lines stamped with {@code round(loop.time() - t0, 2)}.
     */
    static List<String> runLogged(Consumer<Log> body) {
        return run(() -> {
            Log log = new Log();
            body.accept(log);
            return log.lines;
        });
    }

    /** Lines of output, and the loop time since the log was made, printed as Python's {@code round(t, 2)}. */
    static final class Log {
        final List<String> lines = new ArrayList<>();
        private final double t0 = Asyncio.getRunningLoop().time();

        String now() {
            return String.valueOf(Math.round((Asyncio.getRunningLoop().time() - t0) * 100) / 100.0);
        }

        void add(String line) {
            lines.add(line);
        }
    }

    /** Stands for Python's ValueError in ported programs. */
    static final class ValueError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValueError(String msg) {
            super(msg);
        }
    }
}
