package io.asyncio4j.tools;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.ObjectInputFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reaches a running JVM and asks it for its task dump: the JDK's attach API starts the target's local management
 * agent and gives its connector address; JMX over that address creates the dump bean if the target has none yet
 * ({@code io.asyncio4j.management.TaskDump}, under {@code io.asyncio4j:type=Tasks}) and calls it.
 *
 * <p><b>A hostile or hung target</b> cannot harm or hang the tool: the {@link ReplyFilter} is installed before any
 * connection; RMI's connect, handshake and response timeouts are set; the whole exchange runs on a daemon thread
 * that the caller abandons after {@link #TIMEOUT_MILLIS}; the reply must be a {@code String}, which
 * {@link SnapshotParser} reads with hard limits.
 */
final class Attacher {
    static final String OBJECT_NAME = "io.asyncio4j:type=Tasks";
    static final String BEAN_CLASS = "io.asyncio4j.management.TaskDump";
    /** The whole exchange: attach, agent start, connect, bean creation, dump. */
    static final long TIMEOUT_MILLIS = 20_000;
    /** RMI's timeouts, each: a dump takes at most 250 ms per stuck loop in the target, plus its reading. */
    static final String RMI_TIMEOUT_MILLIS = "10000";

    private Attacher() {
    }

    /** A failure to reach the target or to read it, with the message to print. */
    static final class ToolException extends Exception {
        private static final long serialVersionUID = 1L;

        ToolException(String message) {
            super(message);
        }
    }

    /**
     * Sets up this JVM's side once, before the first connection: the deserialization filter and RMI's timeouts.
     *
     * @throws ToolException if another process-wide filter is installed already
     */
    static synchronized void prepare() throws ToolException {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (!(current instanceof ReplyFilter)) {
            if (current != null) {
                throw new ToolException("a deserialization filter is installed already (jdk.serialFilter); "
                        + "the tool installs its own");
            }
            ObjectInputFilter.Config.setSerialFilter(new ReplyFilter());
        }
        System.setProperty("sun.rmi.transport.tcp.responseTimeout", RMI_TIMEOUT_MILLIS);
        System.setProperty("sun.rmi.transport.tcp.handshakeTimeout", RMI_TIMEOUT_MILLIS);
        System.setProperty("sun.rmi.transport.proxy.connectTimeout", RMI_TIMEOUT_MILLIS);
        System.setProperty("sun.rmi.transport.connectionTimeout", RMI_TIMEOUT_MILLIS);
        System.setProperty("sun.tools.attach.attachTimeout", RMI_TIMEOUT_MILLIS);
    }

    /** The task dump of the JVM {@code pid}, as its bean returned it (unparsed). */
    static String fetch(long pid) throws ToolException {
        prepare();
        if (pid == ProcessHandle.current().pid()) {
            throw new ToolException("PID " + pid + " is this tool's own process");
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new ToolException("no process with PID " + pid);
        }
        boolean listed = false;
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(Long.toString(pid))) {
                listed = true;
                break;
            }
        }
        if (!listed) {
            throw new ToolException("PID " + pid + " is not a Java VM this user can attach to (the JDK's attach "
                    + "mechanism does not list it: another program, another user's JVM, or one started with "
                    + "-XX:+DisableAttachMechanism or -XX:-UsePerfData)");
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().daemon().name("asyncio4j-ps-" + pid).start(() -> {
            try {
                result.complete(exchange(pid));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new ToolException("PID " + pid + " did not answer within " + TIMEOUT_MILLIS / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ToolException t) {
                throw t;
            }
            throw new ToolException("PID " + pid + ": " + describe(c));
        }
    }

    private static String exchange(long pid) throws Exception {
        String address;
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (Exception e) {
            throw new ToolException("cannot attach to PID " + pid + ": " + describe(e));
        }
        try {
            address = vm.startLocalManagementAgent();
        } catch (Exception e) {
            throw new ToolException("PID " + pid + " could not start its local management agent: " + describe(e)
                    + " (a runtime made with jlink needs the module jdk.management.agent)");
        } finally {
            vm.detach();
        }
        Map<String, Object> env = new HashMap<>();
        env.put("jmx.remote.x.client.connection.check.period", 0L);
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address), env)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (!mbs.isRegistered(name)) {
                try {
                    mbs.createMBean(BEAN_CLASS, name);
                } catch (InstanceAlreadyExistsException raced) {
                    // another tool created it meanwhile
                } catch (ReflectionException e) {
                    throw new ToolException("PID " + pid + " does not run asyncio4j (" + BEAN_CLASS
                            + " cannot be loaded there: " + describe(e.getCause() != null ? e.getCause() : e) + ")");
                }
            }
            Object reply = mbs.invoke(name, "dump", null, null);
            if (!(reply instanceof String s)) {
                throw new ToolException("PID " + pid + " answered with something else than text");
            }
            return s;
        }
    }

    /** A short, sanitized description of a failure. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
        if (s.length() > 300) {
            s = s.substring(0, 300) + "...";
        }
        return Sanitizer.clean(s);
    }
}
