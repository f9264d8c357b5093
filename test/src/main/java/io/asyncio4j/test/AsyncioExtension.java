package io.asyncio4j.test;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that runs every test method (and every {@code @BeforeEach}/{@code @AfterEach} method) of the
 * class as a task on a {@link TestLoop} of its own: virtual time, so delays take no real time; the body may
 * {@code await()}; an {@link EventLoop} parameter gets the test's loop; failures nobody handled and tasks left over
 * fail the test; a run that takes longer than the timeout of real time is cancelled and fails. The anchor is
 * kotlinx-coroutines-test's {@code runTest}; {@link TestLoop#runTest(io.asyncio4j.Coro)} is the same without
 * JUnit's help.
 *
 * <pre>{@code
 * @ExtendWith(AsyncioExtension.class)
 * class RetryTest {
 *     @Test
 *     void waitsAnHour(EventLoop loop) {
 *         Asyncio.sleep(3600).await();                      // instant
 *         assertThat(loop.time()).isEqualTo(3600.0);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> One {@link TestLoop} per test method, created when the method, one of its parameters or a
 * {@code @BeforeEach} method first needs it, and shared by the method's {@code @BeforeEach} methods, the test and
 * its {@code @AfterEach} methods. After the {@code @AfterEach} methods it is {@linkplain TestLoop#close() closed}:
 * leftover tasks cancelled, and the test failed if any were left or a failure went unhandled. Options:
 * {@link TestLoopConfig} on the method or class. {@code @BeforeAll} and {@code @AfterAll} methods do not run on a
 * loop.
 *
 * <p><b>Extending.</b> Another extension that needs the test's loop (the HTTP test utilities'
 * {@code AioHttpExtension} does) extends this class and reaches the loop through
 * {@link #testLoop(ExtensionContext)}. Registering this extension together with a subclass of it is harmless: a body
 * already running on the test's loop is not wrapped again.
 */
public class AsyncioExtension implements ParameterResolver, InvocationInterceptor, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AsyncioExtension.class);

    /** The extension JUnit instantiates ({@code @ExtendWith(AsyncioExtension.class)}). */
    public AsyncioExtension() {
    }

    /**
     * The test method's loop, created on first use with the options of {@link TestLoopConfig} and
     * {@link #virtualTime(ExtensionContext)}. For subclasses that run their own set-up on the test's loop; the test
     * itself gets the loop as an {@link EventLoop} parameter.
     *
     * @param context the test method's extension context
     * @return the test's loop
     */
    protected final TestLoop testLoop(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(TestLoop.class,
                k -> newTestLoop(context, virtualTime(context)), TestLoop.class);
    }

    /**
     * Whether the test's loop uses virtual time: {@link TestLoopConfig#virtualTime()}, true without the annotation.
     * A subclass may add its own annotations (it is asked before the loop is created).
     *
     * @param context the test method's extension context
     * @return true for virtual time
     */
    protected boolean virtualTime(ExtensionContext context) {
        return config(context).map(TestLoopConfig::virtualTime).orElse(true);
    }

    /**
     * Supports {@link EventLoop} parameters of test and lifecycle methods (not of constructors: the loop is per
     * method).
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EventLoop.class
                && parameterContext.getDeclaringExecutable() instanceof Method;
    }

    /** The test's loop, for an {@link EventLoop} parameter. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return testLoop(extensionContext).loop();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        onLoop(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        onLoop(invocation, extensionContext);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        onLoop(invocation, extensionContext);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        onLoop(invocation, extensionContext);
    }

    /**
     * Closes the test's loop ({@link TestLoop#close()}): its {@link AssertionError} fails the test. A subclass that
     * overrides this releases its own resources on the loop first, then calls it.
     */
    @Override
    public void afterEach(ExtensionContext extensionContext) {
        TestLoop loop = extensionContext.getStore(NS).remove(TestLoop.class, TestLoop.class);
        if (loop != null) {
            loop.close();
        }
    }

    /** Runs the invocation as a task on the test's loop; its exception is rethrown as is. */
    private void onLoop(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        TestLoop loop = testLoop(context);
        if (runningOn(loop)) {
            invocation.proceed(); // another AsyncioExtension of this test already runs it on the loop
            return;
        }
        try {
            loop.run(() -> {
                try {
                    invocation.proceed();
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new Wrapped(t);
                }
                return null;
            });
        } catch (Wrapped w) {
            throw w.getCause();
        }
    }

    private static boolean runningOn(TestLoop loop) {
        try {
            return Asyncio.getRunningLoop() == loop.loop();
        } catch (IllegalStateException notRunning) {
            return false;
        }
    }

    /** Carries a {@link Throwable} that is neither an exception nor an error through the task. */
    private static final class Wrapped extends RuntimeException {
        Wrapped(Throwable cause) {
            super(cause);
        }
    }

    private static TestLoop newTestLoop(ExtensionContext context, boolean virtualTime) {
        double seconds = config(context).map(TestLoopConfig::timeoutSeconds)
                .orElse(TestLoop.DEFAULT_TIMEOUT.toMillis() / 1000.0);
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new ExtensionConfigurationException("@TestLoopConfig(timeoutSeconds = " + seconds
                    + "): the timeout must be a positive number of seconds");
        }
        return new TestLoop(virtualTime, Duration.ofNanos((long) (seconds * 1e9)));
    }

    /** The method's {@link TestLoopConfig}, else its class's (or an enclosing or super class's). */
    private static Optional<TestLoopConfig> config(ExtensionContext context) {
        Optional<TestLoopConfig> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation((AnnotatedElement) m, TestLoopConfig.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent(); c = Optional.ofNullable(
                c.get().getEnclosingClass())) {
            Optional<TestLoopConfig> found = AnnotationSupport.findAnnotation(c.get(), TestLoopConfig.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
