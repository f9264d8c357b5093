package io.asyncio4j.http.internal.slf4j;

import java.lang.System.Logger.Level;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * One SLF4J logger whose records go to the {@link System.Logger} of the same name: SLF4J's levels map to
 * System.Logger's ({@code WARN} to {@code WARNING}), {@code {}} placeholders are filled in here (a last argument that
 * is a {@link Throwable} and fills no placeholder is the record's throwable, as SLF4J specifies), markers and the MDC
 * are dropped. A level disabled in the System.Logger is disabled here, so a disabled {@code debug(...)} costs one
 * {@code isLoggable} check. Thread-safe.
 *
 * <p>Why it is also a {@link System.Logger} (delegating to the same target) and implements SLF4J's {@link Logger}
 * method by method instead of extending SLF4J's {@code AbstractLogger}: the JDK's logging names a record's source
 * (the class and method in {@code java.util.logging}'s header line) after the first frame that is not logging
 * machinery, and it counts the classes that implement {@code System.Logger} as machinery. So a Jetty record reads
 * {@code org.eclipse.jetty.http.HttpParser parseNext}, not this class nor SLF4J's helper.
 */
final class SystemLoggerAdapter implements Logger, System.Logger {
    private final String name;
    /** Obtained when the logger is created; the JDK's default finder gives a lazy logger, so this is cheap. */
    private final System.Logger target;

    SystemLoggerAdapter(String name) {
        this.name = name;
        this.target = System.getLogger(name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return target.isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        target.log(level, bundle, msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        target.log(level, bundle, format, params);
    }

    /** An SLF4J message with {@code {}} placeholders, formatted only if {@code level} is enabled. */
    private void format(Level level, String format, Object... arguments) {
        if (target.isLoggable(level)) {
            FormattingTuple t = MessageFormatter.arrayFormat(format, arguments);
            if (t.getThrowable() == null) {
                target.log(level, t.getMessage());
            } else {
                target.log(level, t.getMessage(), t.getThrowable());
            }
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return target.isLoggable(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return target.isLoggable(Level.TRACE);
    }

    @Override
    public void trace(String msg) {
        target.log(Level.TRACE, msg);
    }

    @Override
    public void trace(String format, Object arg) {
        format(Level.TRACE, format, arg);
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        format(Level.TRACE, format, arg1, arg2);
    }

    @Override
    public void trace(String format, Object... arguments) {
        format(Level.TRACE, format, arguments);
    }

    @Override
    public void trace(String msg, Throwable t) {
        target.log(Level.TRACE, msg, t);
    }

    @Override
    public void trace(Marker marker, String msg) {
        target.log(Level.TRACE, msg);
    }

    @Override
    public void trace(Marker marker, String format, Object arg) {
        format(Level.TRACE, format, arg);
    }

    @Override
    public void trace(Marker marker, String format, Object arg1, Object arg2) {
        format(Level.TRACE, format, arg1, arg2);
    }

    @Override
    public void trace(Marker marker, String format, Object... arguments) {
        format(Level.TRACE, format, arguments);
    }

    @Override
    public void trace(Marker marker, String msg, Throwable t) {
        target.log(Level.TRACE, msg, t);
    }

    @Override
    public boolean isDebugEnabled() {
        return target.isLoggable(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return target.isLoggable(Level.DEBUG);
    }

    @Override
    public void debug(String msg) {
        target.log(Level.DEBUG, msg);
    }

    @Override
    public void debug(String format, Object arg) {
        format(Level.DEBUG, format, arg);
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        format(Level.DEBUG, format, arg1, arg2);
    }

    @Override
    public void debug(String format, Object... arguments) {
        format(Level.DEBUG, format, arguments);
    }

    @Override
    public void debug(String msg, Throwable t) {
        target.log(Level.DEBUG, msg, t);
    }

    @Override
    public void debug(Marker marker, String msg) {
        target.log(Level.DEBUG, msg);
    }

    @Override
    public void debug(Marker marker, String format, Object arg) {
        format(Level.DEBUG, format, arg);
    }

    @Override
    public void debug(Marker marker, String format, Object arg1, Object arg2) {
        format(Level.DEBUG, format, arg1, arg2);
    }

    @Override
    public void debug(Marker marker, String format, Object... arguments) {
        format(Level.DEBUG, format, arguments);
    }

    @Override
    public void debug(Marker marker, String msg, Throwable t) {
        target.log(Level.DEBUG, msg, t);
    }

    @Override
    public boolean isInfoEnabled() {
        return target.isLoggable(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return target.isLoggable(Level.INFO);
    }

    @Override
    public void info(String msg) {
        target.log(Level.INFO, msg);
    }

    @Override
    public void info(String format, Object arg) {
        format(Level.INFO, format, arg);
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        format(Level.INFO, format, arg1, arg2);
    }

    @Override
    public void info(String format, Object... arguments) {
        format(Level.INFO, format, arguments);
    }

    @Override
    public void info(String msg, Throwable t) {
        target.log(Level.INFO, msg, t);
    }

    @Override
    public void info(Marker marker, String msg) {
        target.log(Level.INFO, msg);
    }

    @Override
    public void info(Marker marker, String format, Object arg) {
        format(Level.INFO, format, arg);
    }

    @Override
    public void info(Marker marker, String format, Object arg1, Object arg2) {
        format(Level.INFO, format, arg1, arg2);
    }

    @Override
    public void info(Marker marker, String format, Object... arguments) {
        format(Level.INFO, format, arguments);
    }

    @Override
    public void info(Marker marker, String msg, Throwable t) {
        target.log(Level.INFO, msg, t);
    }

    @Override
    public boolean isWarnEnabled() {
        return target.isLoggable(Level.WARNING);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return target.isLoggable(Level.WARNING);
    }

    @Override
    public void warn(String msg) {
        target.log(Level.WARNING, msg);
    }

    @Override
    public void warn(String format, Object arg) {
        format(Level.WARNING, format, arg);
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        format(Level.WARNING, format, arg1, arg2);
    }

    @Override
    public void warn(String format, Object... arguments) {
        format(Level.WARNING, format, arguments);
    }

    @Override
    public void warn(String msg, Throwable t) {
        target.log(Level.WARNING, msg, t);
    }

    @Override
    public void warn(Marker marker, String msg) {
        target.log(Level.WARNING, msg);
    }

    @Override
    public void warn(Marker marker, String format, Object arg) {
        format(Level.WARNING, format, arg);
    }

    @Override
    public void warn(Marker marker, String format, Object arg1, Object arg2) {
        format(Level.WARNING, format, arg1, arg2);
    }

    @Override
    public void warn(Marker marker, String format, Object... arguments) {
        format(Level.WARNING, format, arguments);
    }

    @Override
    public void warn(Marker marker, String msg, Throwable t) {
        target.log(Level.WARNING, msg, t);
    }

    @Override
    public boolean isErrorEnabled() {
        return target.isLoggable(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return target.isLoggable(Level.ERROR);
    }

    @Override
    public void error(String msg) {
        target.log(Level.ERROR, msg);
    }

    @Override
    public void error(String format, Object arg) {
        format(Level.ERROR, format, arg);
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        format(Level.ERROR, format, arg1, arg2);
    }

    @Override
    public void error(String format, Object... arguments) {
        format(Level.ERROR, format, arguments);
    }

    @Override
    public void error(String msg, Throwable t) {
        target.log(Level.ERROR, msg, t);
    }

    @Override
    public void error(Marker marker, String msg) {
        target.log(Level.ERROR, msg);
    }

    @Override
    public void error(Marker marker, String format, Object arg) {
        format(Level.ERROR, format, arg);
    }

    @Override
    public void error(Marker marker, String format, Object arg1, Object arg2) {
        format(Level.ERROR, format, arg1, arg2);
    }

    @Override
    public void error(Marker marker, String format, Object... arguments) {
        format(Level.ERROR, format, arguments);
    }

    @Override
    public void error(Marker marker, String msg, Throwable t) {
        target.log(Level.ERROR, msg, t);
    }
}
