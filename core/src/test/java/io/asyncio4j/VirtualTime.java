package io.asyncio4j;

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

    /** Stands for Python's ValueError in ported programs. */
    static final class ValueError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValueError(String msg) {
            super(msg);
        }
    }
}
