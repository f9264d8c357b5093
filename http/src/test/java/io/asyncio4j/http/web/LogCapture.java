package io.asyncio4j.http.web;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * For tests: while open, keeps every record of a JUL logger and its children (System.Logger goes through JUL),
 * DEBUG ({@code FINE}) included, and keeps them off the console. Records may come from any thread.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level oldLevel;
    private final List<LogRecord> records = new ArrayList<>();

    /** Starts capturing the records of logger {@code name} (e.g. {@code "io.asyncio4j"}: the loop and the server). */
    LogCapture(String name) {
        logger = Logger.getLogger(name); // held by this object: JUL keeps only weak references
        oldLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    /** The records so far, in order. */
    List<LogRecord> records() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    @Override
    public void publish(LogRecord record) {
        synchronized (records) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    /** Stops capturing and gives the logger back its level and parent handlers. */
    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
        logger.setLevel(oldLevel);
    }
}
