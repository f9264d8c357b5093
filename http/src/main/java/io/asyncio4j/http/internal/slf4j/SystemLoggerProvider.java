package io.asyncio4j.http.internal.slf4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider asyncio4j selects when the application has none: SLF4J's records (Jetty's, whose HTTP parser
 * the library uses, and any other library's) become {@link System.Logger} records of the same name, so they go where
 * the library's own records go. It is deliberately not registered with {@link java.util.ServiceLoader}: an
 * application that brings Logback, Log4j or slf4j-simple keeps its provider and SLF4J sees only that one (no
 * "multiple providers" warning); {@code io.asyncio4j.http.internal.Slf4jRouting} names this class in SLF4J's
 * {@code slf4j.provider} property only when it found no other provider.
 *
 * <p>Thread-safe: the loggers are created on demand and shared. Not part of the library's API (its package is
 * exported to {@code org.slf4j} only, which instantiates it by reflection).
 */
public final class SystemLoggerProvider implements SLF4JServiceProvider, ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** The instance SLF4J creates by reflection (public no-argument constructor). */
    public SystemLoggerProvider() {
    }

    /** {@inheritDoc} This provider is its own logger factory. */
    @Override
    public ILoggerFactory getLoggerFactory() {
        return this;
    }

    /** {@inheritDoc} Markers are kept (SLF4J's basic factory) and not passed on: System.Logger has none. */
    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    /** {@inheritDoc} A thread-local map (SLF4J's basic adapter); System.Logger records do not carry it. */
    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    /** {@inheritDoc} The SLF4J API this provider is written against: 2.0. */
    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    /** {@inheritDoc} Nothing to set up: each logger finds its System.Logger when created. */
    @Override
    public void initialize() {
    }

    /**
     * {@inheritDoc} The same instance for the same name, whose records go to {@code System.getLogger(name)}.
     */
    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, SystemLoggerAdapter::new);
    }
}
