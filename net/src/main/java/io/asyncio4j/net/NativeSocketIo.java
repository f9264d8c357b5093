package io.asyncio4j.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Socket reads and writes straight between the kernel and a Java array, through the JDK's foreign function calls
 * with heap access ({@link Linker.Option#critical(boolean) critical(true)}): {@code recv} and {@code send} of Linux's
 * C library. The JDK's channels move heap bytes through a direct buffer, one copy more each way; these calls skip it.
 *
 * <p><b>When it is used.</b> Only where nothing has to be forced: on Linux (x86-64 and AArch64, whose {@code errno}
 * and flag values this class uses), when the module of this class has native access enabled
 * ({@code --enable-native-access=io.asyncio4j.net}, or {@code =ALL-UNNAMED} on the class path) and {@code java.base}
 * exports {@code sun.nio.ch} to it ({@code --add-exports java.base/sun.nio.ch=io.asyncio4j.net}, for the channel's
 * file descriptor), and the system property {@code asyncio4j.nativeSocketIo} is not {@code false}. Otherwise
 * {@link #INSTANCE} is null and the transports use the JDK's channels; nothing is printed either way (the check comes
 * before any restricted call, so the JDK has no warning to give).
 *
 * <p>Every method is for the thread of the loop that owns the socket, or a task of that loop; the memory that
 * receives {@code errno} is a slot borrowed for the call from a fixed set shared by all threads. A call never blocks (the sockets are non-blocking: a socket with nothing to give or no room answers at
 * once), which a critical call must not: while it runs, the thread cannot reach a safepoint.
 */
final class NativeSocketIo {
    /** The calls, or null where they may not be used (see the class comment). */
    static final NativeSocketIo INSTANCE = create();

    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;

    private final MethodHandle fdVal;
    private final MethodHandle recv;
    private final MethodHandle send;
    private final MethodHandle strerror;
    /**
     * Slots of memory that receive {@code errno}, each on its own cache line, allocated once: a call borrows one for
     * its duration. Not one per thread: every task is a virtual thread of its own, and memory per thread would be a
     * new arena (a {@link java.lang.ref.Cleaner} registration, under a lock the JDK's cleaner thread takes too) for
     * every task that writes.
     */
    private static final int SLOTS = 64;
    private static final int SLOT_BYTES = 64;
    private static final int BUSY_STRIDE = SLOT_BYTES / Integer.BYTES; // one busy flag per cache line
    private final MemorySegment errnoSlots;
    private final AtomicIntegerArray busy = new AtomicIntegerArray(SLOTS * BUSY_STRIDE);
    private final long errnoOffset;

    private NativeSocketIo(MethodHandle fdVal, MethodHandle recv, MethodHandle send, MethodHandle strerror,
                           StructLayout state) {
        this.fdVal = fdVal;
        this.recv = recv;
        this.send = send;
        this.strerror = strerror;
        this.errnoOffset = state.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
        if (state.byteSize() > SLOT_BYTES) {
            throw new IllegalStateException("capture state of " + state.byteSize() + " bytes");
        }
        this.errnoSlots = Arena.global().allocate((long) SLOTS * SLOT_BYTES, SLOT_BYTES);
    }

    /**
     * Borrows a free errno slot, starting from one picked by the calling thread's id. The calls never block, so a
     * slot is soon free again: with more threads in calls at once than there are slots, this spins until one is.
     *
     * @return the slot's index, to {@link #release}
     */
    private int borrow() {
        int i = (int) Thread.currentThread().threadId() & (SLOTS - 1);
        for (int tries = 1; !busy.compareAndSet(i * BUSY_STRIDE, 0, 1); tries++) {
            i = (i + 1) & (SLOTS - 1);
            if (tries % SLOTS == 0) {
                Thread.onSpinWait();
            }
        }
        return i;
    }

    private void release(int slot) {
        busy.setRelease(slot * BUSY_STRIDE, 0);
    }

    private MemorySegment slot(int i) {
        return errnoSlots.asSlice((long) i * SLOT_BYTES, SLOT_BYTES);
    }

    private static NativeSocketIo create() {
        Module me = NativeSocketIo.class.getModule();
        if ("false".equalsIgnoreCase(System.getProperty("asyncio4j.nativeSocketIo", "true"))
                || !"Linux".equals(System.getProperty("os.name"))
                || !("amd64".equals(System.getProperty("os.arch")) || "aarch64".equals(System.getProperty("os.arch")))
                || !me.isNativeAccessEnabled()
                || !Object.class.getModule().isExported("sun.nio.ch", me)) {
            return null;
        }
        try {
            Class<?> selCh = Class.forName("sun.nio.ch.SelChImpl");
            MethodHandle fdVal = MethodHandles.lookup()
                    .findVirtual(selCh, "getFDVal", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, SocketChannel.class));
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            StructLayout state = Linker.Option.captureStateLayout();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            MethodHandle recv = linker.downcallHandle(libc.find("recv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                    errno, Linker.Option.critical(true));
            MethodHandle send = linker.downcallHandle(libc.find("send").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                    errno, Linker.Option.critical(true));
            MethodHandle strerror = linker.downcallHandle(libc.find("strerror").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            return new NativeSocketIo(fdVal, recv, send, strerror, state);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            return null; // a JDK without these internals or symbols: the JDK's channels serve
        }
    }

    /**
     * The file descriptor of {@code channel}, or -1 for a channel that is not the JDK's own (one of another
     * {@link java.nio.channels.spi.SelectorProvider}), which then goes through its own read and write.
     *
     * @param channel an open socket channel
     * @return its descriptor, or -1
     */
    int fd(SocketChannel channel) {
        try {
            return (int) fdVal.invokeExact(channel);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            return -1;
        }
    }

    /**
     * {@code recv(fd, a + off, len, 0)}.
     *
     * @return the bytes read (at least 1), 0 if nothing was there to read, -1 at EOF
     * @throws IOException the socket's error, with the C library's message
     */
    int read(int fd, byte[] a, int off, int len) throws IOException {
        return read(fd, MemorySegment.ofArray(a).asSlice(off, len));
    }

    /**
     * {@code recv} into {@code b} from its position to its limit, heap or direct; the position is not moved.
     *
     * @return as {@link #read(int, byte[], int, int)}
     * @throws IOException the socket's error, with the C library's message
     */
    int read(int fd, ByteBuffer b) throws IOException {
        return read(fd, MemorySegment.ofBuffer(b));
    }

    private int read(int fd, MemorySegment into) throws IOException {
        long n = call(recv, fd, into, 0);
        return n > 0 ? (int) n : n == 0 ? -1 : 0;
    }

    /**
     * {@code send(fd, a + off, len, MSG_NOSIGNAL)}: a peer that went away gives an error, not a signal.
     *
     * @return the bytes written, 0 if the socket had no room
     * @throws IOException the socket's error, with the C library's message
     */
    int write(int fd, byte[] a, int off, int len) throws IOException {
        return write(fd, MemorySegment.ofArray(a).asSlice(off, len));
    }

    /**
     * {@code send} of {@code b} from its position to its limit, heap or direct; the position is not moved.
     *
     * @return as {@link #write(int, byte[], int, int)}
     * @throws IOException the socket's error, with the C library's message
     */
    int write(int fd, ByteBuffer b) throws IOException {
        return write(fd, MemorySegment.ofBuffer(b));
    }

    private int write(int fd, MemorySegment from) throws IOException {
        return (int) Math.max(0, call(send, fd, from, MSG_NOSIGNAL));
    }

    /**
     * {@code op(fd, buf, byteSize, flags)} ({@code recv} or {@code send}), again after {@code EINTR}, with an errno
     * slot borrowed for the call.
     *
     * @return what the call returned (0 or more), or -1 if the socket would block ({@code EAGAIN})
     * @throws IOException any other error, with the C library's message
     */
    private long call(MethodHandle op, int fd, MemorySegment buf, int flags) throws IOException {
        int slot = borrow();
        try {
            MemorySegment s = slot(slot);
            while (true) {
                long n;
                try {
                    n = (long) op.invokeExact(s, fd, buf, buf.byteSize(), flags);
                } catch (Throwable e) {
                    throw rethrow(e);
                }
                if (n >= 0) {
                    return n;
                }
                int err = s.get(ValueLayout.JAVA_INT, errnoOffset);
                if (err == EAGAIN) {
                    return -1;
                }
                if (err != EINTR) {
                    throw error(err);
                }
            }
        } finally {
            release(slot);
        }
    }

    /** An IOException with the C library's message for {@code errno}, as the JDK's channels give. */
    private IOException error(int errno) {
        String msg;
        try {
            MemorySegment p = (MemorySegment) strerror.invokeExact(errno);
            msg = p.reinterpret(256).getString(0);
        } catch (Throwable e) {
            msg = "errno " + errno;
        }
        return new IOException(msg);
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(e);
    }
}
