package io.asyncio4j.tools;

import java.io.ObjectInputFilter;
import java.util.Set;

/**
 * The JEP 290 deserialization filter of the tool's JVM, installed before it connects to a target: everything a
 * target sends through RMI and JMX (the connector's stub in the agent's address, the remote objects' stubs, replies
 * and exceptions) is read through it. Only the classes RMI and JMX need for the few calls the tool makes, a
 * {@code String} reply and the exceptions a failed call carries are allowed, and the graph is bounded (depth,
 * references, bytes, array length); anything else is rejected before it is instantiated.
 */
final class ReplyFilter implements ObjectInputFilter {
    static final long MAX_DEPTH = 24;
    static final long MAX_REFS = 200_000;
    /** The snapshot is at most 8 Mi characters: 24 MiB in modified UTF-8 at worst, plus room for the rest. */
    static final long MAX_BYTES = 32L << 20;
    static final long MAX_ARRAY = 100_000;

    private static final Set<String> CLASSES = Set.of(
            // values
            "java.lang.String", "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.lang.Number",
            "java.lang.Object", "[Ljava.lang.Object;", "[Ljava.lang.String;", "[B", "java.lang.Enum",
            // RMI and JMX plumbing
            "java.lang.reflect.Proxy", "java.rmi.server.RemoteObjectInvocationHandler", "java.rmi.server.RemoteObject",
            "java.rmi.server.RemoteStub", "java.rmi.server.ObjID", "java.rmi.server.UID", "java.rmi.dgc.Lease",
            "java.rmi.dgc.VMID", "java.rmi.MarshalledObject",
            "javax.management.remote.rmi.RMIServerImpl_Stub", "javax.management.remote.rmi.RMIConnectionImpl_Stub",
            "javax.management.ObjectName", "javax.management.ObjectInstance",
            // what a failed call carries
            "java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException", "java.lang.Error",
            "java.lang.StackTraceElement", "[Ljava.lang.StackTraceElement;", "java.lang.ClassNotFoundException",
            "java.lang.ReflectiveOperationException", "java.lang.NoSuchMethodException",
            "java.lang.IllegalArgumentException", "java.lang.IllegalStateException", "java.lang.NullPointerException",
            "java.lang.SecurityException", "java.lang.UnsupportedOperationException",
            "java.lang.ExceptionInInitializerError", "java.lang.NoClassDefFoundError", "java.lang.LinkageError",
            "java.lang.OutOfMemoryError", "java.lang.VirtualMachineError", "java.lang.StackOverflowError",
            "java.io.IOException", "java.util.Collections$EmptyList", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableCollection",
            "java.util.ArrayList");
    /** Packages whose exceptions (and errors) a JMX or RMI call may carry back: plain data, no behaviour on reading. */
    private static final String[] EXCEPTION_PACKAGES = {"java.lang.", "java.io.", "java.rmi.", "javax.management."};

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFS || info.streamBytes() > MAX_BYTES
                || info.arrayLength() > MAX_ARRAY) {
            return Status.REJECTED;
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.UNDECIDED;
        }
        return allowed(c) ? Status.ALLOWED : Status.REJECTED;
    }

    static boolean allowed(Class<?> c) {
        String n = c.getName();
        if (CLASSES.contains(n)) {
            return true;
        }
        if (c.isArray()) {
            return false;
        }
        for (String p : EXCEPTION_PACKAGES) {
            if (n.startsWith(p) && n.indexOf('.', p.length()) < 0 && Throwable.class.isAssignableFrom(c)) {
                return true;
            }
        }
        return false;
    }
}
