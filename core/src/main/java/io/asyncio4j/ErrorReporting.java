package io.asyncio4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What keeps reporting an error from becoming a second error that ends the loop.
 *
 * <p>A loop reports errors where resources may be exhausted: a server out of file descriptors reports a failed
 * {@code accept()}. On a cold JVM that report loads classes and the JDK's logging loads its configuration and the
 * time-zone rules for its time stamps, each a file to open, which fails for lack of a descriptor. So:
 * <ul>
 *   <li>{@link #lastResort} is the only way the loop logs from an error path: it never throws;</li>
 *   <li>{@link #warmUp()} loads what the report needs, once per JVM, on a thread of its own, when a loop starts
 *       watching a listening socket (a server is where descriptors run out), so that no process pays for it at
 *       start-up and a server has it before its first connection.</li>
 * </ul>
 */
final class ErrorReporting {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j");
    private static final AtomicBoolean WARMED = new AtomicBoolean();

    private ErrorReporting() {
    }

    /** Logs an error at ERROR level; if even that fails (no memory, no descriptor, a broken handler), drops it. */
    static void lastResort(String message, Throwable error) {
        log(Level.ERROR, message, error);
    }

    /** Logs a record; if that fails, drops it: a log record never ends the loop. */
    static void log(Level level, String message, Throwable error) {
        try {
            LOG.log(level, message, error);
        } catch (Throwable ignored) {
            // Nothing is left to report with: the loop must go on.
        }
    }

    /** Loads, in the background and once per JVM, what reporting an error needs; see the class comment. */
    static void warmUp() {
        if (!WARMED.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().name("asyncio4j-error-path-warm-up").start(ErrorReporting::load);
    }

    private static void load() {
        try {
            LOG.isLoggable(Level.ERROR); // the logger finder, and with it the JDK's logging configuration
            java.time.ZonedDateTime.now(); // the time-zone rules the JDK's formatter stamps records with
            StringWriter out = new StringWriter();
            new IllegalStateException("warm-up").printStackTrace(new PrintWriter(out));
            new LinkedHashMap<String, Object>().put("message", Repr.of(out.toString().length()));
            String.format("%.3f", 1.0);
            loadJdkLogging();
        } catch (Throwable ignored) {
            // Best effort: a report that later fails is dropped by lastResort, not fatal.
        }
    }

    /** The JDK's own logging, if it is what System.Logger goes to: its root handlers and their formatter. */
    private static void loadJdkLogging() throws ReflectiveOperationException {
        if (!System.LoggerFinder.getLoggerFinder().getClass().getName().startsWith("sun.util.logging")) {
            return; // an application's own logging back end (SLF4J, Log4j) loads its own way
        }
        // Reflection: core does not otherwise need the java.logging module.
        Class<?> logger = Class.forName("java.util.logging.Logger");
        Object root = logger.getMethod("getLogger", String.class).invoke(null, "");
        Object[] handlers = (Object[]) logger.getMethod("getHandlers").invoke(root);
        Class<?> levelClass = Class.forName("java.util.logging.Level");
        Object severe = levelClass.getField("SEVERE").get(null);
        Class<?> recordClass = Class.forName("java.util.logging.LogRecord");
        Object record = recordClass.getConstructor(levelClass, String.class).newInstance(severe, "warm-up");
        recordClass.getMethod("setThrown", Throwable.class).invoke(record, new IllegalStateException("warm-up"));
        Class<?> handlerClass = Class.forName("java.util.logging.Handler");
        Class<?> formatterClass = Class.forName("java.util.logging.Formatter");
        for (Object h : handlers) {
            Object formatter = handlerClass.getMethod("getFormatter").invoke(h);
            if (formatter != null) {
                formatterClass.getMethod("format", recordClass).invoke(formatter, record);
            }
        }
    }
}
