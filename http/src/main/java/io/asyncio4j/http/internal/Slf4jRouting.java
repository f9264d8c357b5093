package io.asyncio4j.http.internal;

import io.asyncio4j.http.internal.slf4j.SystemLoggerProvider;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Where SLF4J's records go, settled before the library first touches Jetty (whose classes log through SLF4J): to
 * the application's SLF4J provider if it has one, otherwise to {@link System.Logger}, where the library's own records
 * go, through {@link SystemLoggerProvider}, instead of SLF4J's "No SLF4J providers were found" warning on stderr and
 * a logger that drops everything.
 *
 * <p>How: SLF4J 2 picks the provider named by its {@code slf4j.provider} system property, else those
 * {@link ServiceLoader} finds (warning when there are several), else none. This class looks, once, for a provider the
 * way SLF4J does (same service, class loader of {@link LoggerFactory}); only if there is none and the application set
 * neither {@code slf4j.provider} nor a {@code System.LoggerFinder} that sends System.Logger back to SLF4J (SLF4J's
 * {@code slf4j-jdk-platform-logging}: the two would call each other), it sets {@code slf4j.provider} to
 * {@link SystemLoggerProvider}, initialises SLF4J, and removes the property again. For the length of that
 * initialisation it also sets {@code slf4j.internal.verbosity} to {@code WARN} unless the application set it, since
 * SLF4J otherwise reports the property's use with an {@code INFO} line on stderr; SLF4J reads that property once, so
 * its own later {@code INFO} reports stay hidden too (its warnings and errors do not).
 *
 * <p>An application with Logback, Log4j ({@code log4j-slf4j2-impl}) or slf4j-simple is left alone: SLF4J finds that
 * one provider and says nothing. Thread-safe: the work is done in a holder's class initialisation, once per class
 * loader.
 */
public final class Slf4jRouting {
    /** The system property SLF4J 2 reads for an explicit provider. */
    static final String PROVIDER = "slf4j.provider";
    /** The system property of SLF4J's own reports' level (DEBUG, INFO, WARN, ERROR). */
    static final String VERBOSITY = "slf4j.internal.verbosity";

    private Slf4jRouting() {
    }

    private static final class Once {
        static final boolean ROUTED = route();
    }

    /**
     * Settles SLF4J's provider, once per class loader, as the class comment says; a no-op after the first call.
     * Called by the classes that use Jetty, from their static initialisers, before any Jetty class is initialised.
     *
     * @return whether SLF4J's records were routed to System.Logger by this library (false if the application has its
     *         own provider, chose one with {@code slf4j.provider}, or SLF4J could not be set up)
     */
    public static boolean ensure() {
        return Once.ROUTED;
    }

    private static boolean route() {
        try {
            if (System.getProperty(PROVIDER) != null || hasProvider() || finderIsSlf4j()) {
                return false;
            }
            boolean setVerbosity = System.getProperty(VERBOSITY) == null;
            if (setVerbosity) {
                System.setProperty(VERBOSITY, "WARN");
            }
            System.setProperty(PROVIDER, SystemLoggerProvider.class.getName());
            try {
                return LoggerFactory.getILoggerFactory() instanceof SystemLoggerProvider;
            } finally {
                System.clearProperty(PROVIDER);
                if (setVerbosity) {
                    System.clearProperty(VERBOSITY);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            return false; // SLF4J then decides alone, as without this class
        }
    }

    /** Whether SLF4J's own lookup would find a provider (the classes are loaded, none is instantiated). */
    private static boolean hasProvider() {
        return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader()).stream()
                .findAny().isPresent();
    }

    /** Whether System.Logger's records go to SLF4J (slf4j-jdk-platform-logging), where this would loop. */
    private static boolean finderIsSlf4j() {
        return System.LoggerFinder.getLoggerFinder().getClass().getName().startsWith("org.slf4j.");
    }
}
