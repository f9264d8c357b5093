package io.asyncio4j.management;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ReflectionException;

/**
 * The MBean that {@code ./asyncio4j ps PID} and {@code ./asyncio4j pstree PID} create in a running JVM, under
 * {@link #OBJECT_NAME}: nothing registers it at start-up; the tool attaches (the JDK's attach API), starts the
 * JVM's local management agent and creates this bean remotely the first time, so that a program pays nothing until
 * somebody looks.
 *
 * <p><b>Its one operation</b>, {@code dump()}, returns a snapshot of every unfinished task of every event loop of
 * this JVM that is not closed: each loop's thread, each task's name, the frames of its coroutine (innermost first)
 * and the tasks awaiting it. It asks every running loop to describe its tasks (a thread-safe callback, answered
 * within 250 ms by a loop that is not stuck) and reads a loop that does not answer (a callback or a task holds its
 * thread: a hung program) directly, best effort. Each loop costs at most that wait.
 *
 * <p><b>Format</b>, version 1: the first line {@code asyncio4j-tasks 1}; then one record per line, fields separated
 * by tabs, with backslash, tab, carriage return and newline inside a field written {@code \\ \t \r \n}:
 * {@code L thread-id thread-name how} starts a loop ({@code how}: {@code cooperative}, {@code direct} or
 * {@code idle}); {@code T task-id name} a task of that loop (task ids in hex, unique in the snapshot);
 * {@code F function file line} a frame of that task, innermost first; {@code A task-id} a task awaiting it;
 * {@code X message} a note (the snapshot was cut: at most 100,000 tasks, 256 frames per task, 1,024 characters per
 * name, 8 MiB in all).
 *
 * <p><b>Why a dynamic MBean.</b> The platform MBean server instantiates this class from {@code java.management}, to
 * which alone the package is exported, and calls it through {@link DynamicMBean}, a JDK interface: a standard MBean
 * would be called by reflection from outside any named module, which needs the package exported to everybody. The
 * library reads {@code java.management} only statically: a program that never meets the tool does not load it.
 */
public final class TaskDump implements DynamicMBean {
    /** The name the tools register this bean under. */
    public static final String OBJECT_NAME = "io.asyncio4j:type=Tasks";

    /** Reaches the library's package-private dump: same module, so no export is needed. */
    private static final class Impl {
        static final MethodHandle DUMP_ALL;

        static {
            try {
                Class<?> c = Class.forName("io.asyncio4j.TaskSnapshots", true, TaskDump.class.getClassLoader());
                DUMP_ALL = MethodHandles.privateLookupIn(c, MethodHandles.lookup())
                        .findStatic(c, "dumpAll", MethodType.methodType(String.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Impl() {
        }
    }

    /** The bean; the MBean server makes it when the tool asks for it. */
    public TaskDump() {
    }

    /**
     * The snapshot described above. Any thread; takes at most about 250 ms per stuck loop, plus the reading.
     *
     * @return the snapshot's text; never null
     */
    public String dump() {
        try {
            return (String) Impl.DUMP_ALL.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bean has no attributes.
     *
     * @throws AttributeNotFoundException always
     */
    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute);
    }

    /**
     * The bean has no attributes.
     *
     * @throws AttributeNotFoundException always
     */
    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute == null ? null : attribute.getName());
    }

    /** The bean has no attributes: an empty list. */
    @Override
    public AttributeList getAttributes(String[] attributes) {
        return new AttributeList();
    }

    /** The bean has no attributes: an empty list. */
    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    /**
     * Calls {@code dump()}, the bean's one operation, which takes no parameters.
     *
     * @throws ReflectionException for any other operation
     */
    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        if ("dump".equals(actionName) && (params == null || params.length == 0)) {
            return dump();
        }
        throw new ReflectionException(new NoSuchMethodException(actionName), "no operation " + actionName);
    }

    /** One operation, {@code String dump()}. */
    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanOperationInfo dump = new MBeanOperationInfo("dump", "every task of every event loop of this JVM",
                new MBeanParameterInfo[0], String.class.getName(), MBeanOperationInfo.INFO);
        return new MBeanInfo(TaskDump.class.getName(), "asyncio4j's task dump (./asyncio4j ps and pstree)", null, null,
                new MBeanOperationInfo[] {dump}, null);
    }
}
