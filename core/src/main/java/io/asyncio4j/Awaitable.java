package io.asyncio4j;

/**
 * Something a task can wait for: a {@link Coro} (runs inline), a {@link Future} or a {@link Task}.
 *
 * <p>{@link #await()} may only be called inside a task of a running loop; anywhere else it throws
 * {@link IllegalStateException}. It returns the result or throws the very exception the awaited work threw
 * (checked exceptions too, unwrapped). Awaiting something that is already done returns at once without giving
 * the loop to anyone else; awaiting something pending suspends the current task, and other tasks and callbacks
 * of the loop run until it is done.
 *
 * <p>Cancellation: if the awaiting task is cancelled while suspended here, {@code await()} throws
 * {@link CancelledError}; when the awaited object is a {@link Future} it is cancelled too.
 *
 * <p><b>Checked exceptions.</b> {@code await()} declares no exception, so javac rejects a {@code catch} of a checked
 * exception around it even though the awaited work may throw one. {@link #await(Class)} declares the type the
 * caller expects and rethrows the very object:
 *
 * <pre>{@code
 * try {
 *     List<String> lines = Asyncio.toThread(() -> Files.readAllLines(path)).await(IOException.class);
 * } catch (IOException e) {         // compiles: await(IOException.class) throws IOException
 *     ...
 * }
 * }</pre>
 *
 * @param <T> the result type
 */
public interface Awaitable<T> {
    /**
     * Python's {@code await}: suspends the current task until this is done (see the class comment).
     *
     * @return the result; the exception is thrown as the same object, and a cancellation of the awaiting task as
     *         {@link CancelledError}
     * @throws IllegalStateException if the current thread is not running a task of a running loop
     */
    T await();

    /**
     * As {@link #await()}, declaring the checked exception the caller expects, so that javac lets it be caught:
     * {@code aw.await(IOException.class)} inside {@code try { ... } catch (IOException e)}. The outcome is
     * {@code await()}'s unchanged: if the awaited work throws an instance of {@code expected}, that very object is
     * thrown (not wrapped, not copied); any other exception, checked or not, is thrown as it is too, exactly as
     * {@code await()} throws it.
     *
     * <p>Runs on the awaiting task's thread, like {@code await()}. Cancellation is unchanged: a cancellation of the
     * awaiting task (or of the awaited future) is thrown as {@link CancelledError}, an {@link Error} that no
     * {@code expected} (an {@link Exception} type) ever matches.
     *
     * @param <X> the checked exception type the caller handles
     * @param expected the class of that exception (for instance {@code IOException.class}); not null
     * @return the result
     * @throws X the awaited work's exception, when it is an instance of {@code expected}
     * @throws NullPointerException if {@code expected} is null (before anything is awaited)
     * @throws IllegalStateException if the current thread is not running a task of a running loop
     */
    default <X extends Exception> T await(Class<X> expected) throws X {
        java.util.Objects.requireNonNull(expected, "await(expected): expected is null");
        // await() throws checked exceptions without declaring them; catching Exception and rethrowing it as it is
        // (precise rethrow: javac sees only unchecked ones from the try block) leaves every outcome unchanged.
        try {
            return await();
        } catch (Exception e) {
            if (expected.isInstance(e)) {
                throw expected.cast(e);
            }
            throw e;
        }
    }

    /**
     * As {@link #await(Class)} with two checked exception types the caller handles, for instance
     * {@code await(IOException.class, InterruptedException.class)}. The exception is thrown as the very object
     * whichever type it has; cancellation is {@code await()}'s.
     *
     * @param <X1> the first checked exception type
     * @param <X2> the second checked exception type
     * @param expected1 the class of the first; not null
     * @param expected2 the class of the second; not null
     * @return the result
     * @throws X1 the awaited work's exception, when it is an instance of {@code expected1}
     * @throws X2 the awaited work's exception, when it is an instance of {@code expected2}
     * @throws NullPointerException if either class is null (before anything is awaited)
     * @throws IllegalStateException if the current thread is not running a task of a running loop
     */
    default <X1 extends Exception, X2 extends Exception> T await(Class<X1> expected1, Class<X2> expected2)
            throws X1, X2 {
        java.util.Objects.requireNonNull(expected1, "await(expected1, expected2): expected1 is null");
        java.util.Objects.requireNonNull(expected2, "await(expected1, expected2): expected2 is null");
        try {
            return await();
        } catch (Exception e) {
            if (expected1.isInstance(e)) {
                throw expected1.cast(e);
            }
            if (expected2.isInstance(e)) {
                throw expected2.cast(e);
            }
            throw e;
        }
    }
}
