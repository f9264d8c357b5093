package io.asyncio4j.http.test;

import io.asyncio4j.Runner;
import io.asyncio4j.http.web.Application;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * JUnit 5's counterpart of pytest-aiohttp's {@code aiohttp_client} fixture: every test method (and every
 * {@code @BeforeEach}/{@code @AfterEach} method) of the class runs as a task on a loop of its own, so its body may
 * {@code await()}; a {@link TestClient} (or {@link TestServer}) parameter gets a client of the application that
 * the class's {@link AppFactory} method returns, served on {@code 127.0.0.1} and an ephemeral port.
 *
 * <pre>{@code
 * @ExtendWith(AioHttpExtension.class)
 * class HelloTest {
 *     @AppFactory
 *     static Application app() {
 *         Application app = new Application();
 *         app.router().get("/", request -> Response.text("Hello"));
 *         return app;
 *     }
 *
 *     @Test
 *     void hello(TestClient client) throws Exception {
 *         try (ClientResponse r = client.get("/").await()) {
 *             assertThat(r.text().await()).isEqualTo("Hello");
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> One {@link Runner} per test method, created when the method (or a parameter of it, or a
 * {@code @BeforeEach} method) first needs it; the loop is shared by the method's {@code @BeforeEach}, the test and
 * its {@code @AfterEach}, and one client is shared by all the parameters of that test. After the
 * {@code @AfterEach} methods the client is closed (session, then the server's graceful close, awaited) and the
 * runner closed (leftover tasks cancelled). A test that asks for no client still runs on a loop.
 *
 * <p><b>Time.</b> The loop uses virtual time ({@code new Runner().virtualTime(true)}) unless the method or class
 * is annotated {@link RealTime}. Virtual time only jumps when nothing outside the loop can wake it: a test that
 * sleeps or times out with no socket open takes no time. While a {@link TestServer} listens its socket is watched,
 * so with a live server the loop waits and the clock follows real time ({@code loop.time()} still starts at 0);
 * keep the timeouts of such tests short. {@code @RealTime} is for tests that compare {@code loop.time()} with the
 * wall clock, or code that reads {@code System.nanoTime()} itself.
 *
 * <p><b>Dependency.</b> JUnit Jupiter's API is an optional dependency of {@code asyncio4j-http}: applications that
 * do not use this extension get no JUnit on their class path; tests using it have JUnit anyway.
 * {@link TestServer} and {@link TestClient} do not need JUnit.
 */
public final class AioHttpExtension implements ParameterResolver, InvocationInterceptor, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AioHttpExtension.class);

    /** The extension, as JUnit creates it for {@code @ExtendWith(AioHttpExtension.class)}; it holds no state. */
    public AioHttpExtension() {
    }

    /** Per test method: its runner and, once asked for, its client. */
    private static final class State {
        final Runner runner;
        TestClient client;

        State(Runner runner) {
            this.runner = runner;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return (type == TestClient.class || type == TestServer.class)
                && parameterContext.getDeclaringExecutable() instanceof Method;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        State state = state(extensionContext);
        if (state.client == null) {
            Method factory = appFactory(extensionContext.getRequiredTestClass());
            Object target = Modifier.isStatic(factory.getModifiers()) ? null
                    : extensionContext.getRequiredTestInstance();
            try {
                state.client = state.runner.run(() -> {
                    Object app = factory.invoke(target);
                    if (!(app instanceof Application a)) {
                        throw new ParameterResolutionException("@AppFactory " + factory + " returned " + app
                                + ", not an Application");
                    }
                    return TestClient.start(a).await();
                });
            } catch (ParameterResolutionException e) {
                throw e;
            } catch (Exception e) {
                throw new ParameterResolutionException("could not start the test server for "
                        + parameterContext.getParameter(), e);
            }
        }
        return parameterContext.getParameter().getType() == TestServer.class ? state.client.server() : state.client;
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

    @Override
    public void afterEach(ExtensionContext extensionContext) {
        State state = extensionContext.getStore(NS).remove(State.class, State.class);
        if (state == null) {
            return;
        }
        try (Runner runner = state.runner) {
            if (state.client != null) {
                runner.run(state.client.closeAndWait());
            }
        }
    }

    /** Runs the invocation as a task on the test's loop; its exception is rethrown as is. */
    private static void onLoop(Invocation<Void> invocation, ExtensionContext extensionContext) throws Throwable {
        State state = state(extensionContext);
        try {
            state.runner.run(() -> {
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

    private static final class Wrapped extends RuntimeException {
        Wrapped(Throwable cause) {
            super(cause);
        }
    }

    private static State state(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(State.class, k -> new State(newRunner(context)),
                State.class);
    }

    private static Runner newRunner(ExtensionContext context) {
        boolean realTime = context.getTestMethod().map(m -> m.isAnnotationPresent(RealTime.class)).orElse(false)
                || context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, RealTime.class)).orElse(false);
        return new Runner().virtualTime(!realTime);
    }

    private static Method appFactory(Class<?> testClass) {
        List<Method> found = AnnotationSupport.findAnnotatedMethods(testClass, AppFactory.class,
                HierarchyTraversalMode.BOTTOM_UP);
        if (found.size() != 1) {
            throw new ExtensionConfigurationException(testClass.getName() + " needs exactly one @AppFactory method"
                    + " for a TestClient parameter; found " + found);
        }
        Method m = found.get(0);
        if (m.getParameterCount() != 0 || !Application.class.isAssignableFrom(m.getReturnType())) {
            throw new ExtensionConfigurationException("@AppFactory " + m
                    + " must take no parameters and return an Application");
        }
        m.setAccessible(true);
        return m;
    }
}
