package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import java.util.Objects;

/**
 * The parsers' way to a package-private part of {@link Headers} without making it public API (the JDK's
 * {@code SharedSecrets} pattern): adding a field that a parser has already validated character by character, so
 * that the head is not scanned twice. {@link Headers} installs the implementation when it is initialised, which
 * happens before any parser holds a {@code Headers} to add to.
 */
public final class HeadersAccess {
    /** Adds a validated field to a {@link Headers}; implemented by {@link Headers} itself. */
    @FunctionalInterface
    public interface Adder {
        /**
         * Adds {@code name: value} after the fields already there, without checking them again.
         *
         * @param headers the fields to add to
         * @param name    a field name a parser has checked to be a token
         * @param value   a field value a parser has checked to hold no CR, LF or NUL
         */
        void addParsed(Headers headers, String name, String value);
    }

    private static Adder adder;

    private HeadersAccess() {
    }

    /**
     * Installs the implementation; called once, by {@link Headers}'s static initialiser.
     *
     * @param implementation the implementation
     * @throws IllegalStateException if one is installed already
     */
    public static synchronized void install(Adder implementation) {
        if (adder != null) {
            throw new IllegalStateException("HeadersAccess is installed already");
        }
        adder = Objects.requireNonNull(implementation, "implementation");
    }

    /**
     * Adds a field a parser has validated (see {@link Adder#addParsed}).
     *
     * @param headers the fields to add to (its class is initialised: the implementation is installed)
     * @param name    the field name
     * @param value   the field value
     */
    public static void addParsed(Headers headers, String name, String value) {
        adder.addParsed(headers, name, value);
    }
}
