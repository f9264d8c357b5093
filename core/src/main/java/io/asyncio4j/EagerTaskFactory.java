package io.asyncio4j;

/** The factory of {@link Asyncio#eagerTaskFactory()}: tasks built with CPython's {@code eager_start=True}. */
final class EagerTaskFactory implements TaskFactory {
    static final EagerTaskFactory INSTANCE = new EagerTaskFactory();

    private EagerTaskFactory() {
    }

    @Override
    public <T> Task<T> create(EventLoop loop, Coro<T> coro, String name, Context context) {
        return new Task<>((BaseEventLoop) loop, coro, name, context, true);
    }

    @Override
    public String toString() {
        return "eager_task_factory";
    }
}
