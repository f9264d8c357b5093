/**
 * asyncio4j's core: Python's asyncio model (an event loop per thread, coroutines, futures, tasks, synchronisation and
 * queues). One package, {@link io.asyncio4j}.
 *
 * <p><b>The fast carrier.</b> Tasks run on the fast carrier when {@code java.lang} is opened to this module:
 * {@code --add-opens java.base/java.lang=io.asyncio4j} on the module path ({@code =ALL-UNNAMED} on the class path).
 * Without it everything works on the portable carrier, more slowly, and the library says once which flag would
 * give the fast one.
 */
module io.asyncio4j {
    // @CheckReturnValue: read by IDEs and Error Prone at compile time, not needed to run.
    requires static com.google.errorprone.annotations;
    // sun.misc.Signal: Ctrl-C cancels Asyncio.run's main task, and EventLoop.addSignalHandler (the JDK has no
    // supported signal API; jdk.unsupported is in every JDK and in a jlinked image that lists it).
    requires jdk.unsupported;
    // JFR events (docs/jfr.md): jdk.jfr is in every JDK; its classes load with the first task, and with no
    // recording an event costs a constant-false check the JIT folds away.
    requires jdk.jfr;

    exports io.asyncio4j;
    // The task dump bean of ./asyncio4j ps: created and called by the platform MBean server only, when the tool
    // attaches (a DynamicMBean, so the export to java.management suffices). Static: a program that is never looked
    // at does not resolve or load java.management; the management agent the tool starts brings it.
    requires static java.management;
    exports io.asyncio4j.management to java.management;
}
