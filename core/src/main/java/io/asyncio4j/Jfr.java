package io.asyncio4j;

import jdk.jfr.FlightRecorder;

/**
 * The gate in front of the library's JFR events: no event class is touched before JFR has started in this JVM,
 * because loading a {@code jdk.jfr.Event} subclass makes the JVM call into JFR to instrument it, which sets up JFR's
 * metadata (about 120 classes and 100 ms of start-up) even when nothing records. Once JFR has started (a recording
 * from the command line, {@code jcmd JFR.start}, or a {@code jdk.jfr.Recording}), each event's own
 * {@code isEnabled()} decides. Any thread.
 */
final class Jfr {
    private Jfr() {
    }

    /** {@return whether JFR has started in this JVM: a read of one static field, no class loading beyond JFR's API} */
    static boolean started() {
        return FlightRecorder.isInitialized();
    }
}
