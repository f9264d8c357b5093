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

    /**
     * Says {@code message} once, as one line, to the person running the program (the portable carrier's notice).
     *
     * <p>Where logging is not configured (the JDK's own {@link System.LoggerFinder}, no
     * {@code java.util.logging.config.file} or {@code .class}), the line goes straight to {@link System#err}, as
     * Python's warnings do: a {@code java.util.logging} record would be two lines (a header with date, class and
     * method, then {@code INFO: }<i>message</i>) and would cost the JDK's logging set-up, tens of milliseconds of
     * start-up, for a sentence. Where the application installed a logging back end (a {@code LoggerFinder} of its
     * own, such as SLF4J's or Log4j's, or a configured {@code java.util.logging}), it is an {@code INFO} record of
     * logger {@code io.asyncio4j}, formatted and routed as the application chose. Never throws.
     */
    static void notice(String message) {
        try {
            if (loggingConfigured()) {
                LOG.log(Level.INFO, message);
            } else {
                System.err.println(message);
            }
        } catch (Throwable ignored) {
            // A notice never ends the loop.
        }
    }

    /** Whether the application chose where System.Logger records go (see {@link #notice}). */
    static boolean loggingConfigured() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return true;
        }
        String finder = System.LoggerFinder.getLoggerFinder().getClass().getName();
        // The JDK's: java.util.logging's bridge, or the simple console logger when java.logging is absent.
        return !finder.startsWith("sun.util.logging.") && !finder.startsWith("jdk.internal.logger.");
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
