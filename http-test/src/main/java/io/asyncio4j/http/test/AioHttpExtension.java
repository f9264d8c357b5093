package io.asyncio4j.http.test;

import io.asyncio4j.http.web.Application;
import io.asyncio4j.test.AsyncioExtension;
import io.asyncio4j.test.TestLoop;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
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
 * <p><b>Lifecycle.</b> The loop is {@code asyncio4j-test}'s: this extension is an {@link AsyncioExtension}, so
 * everything that says holds here too (one {@link TestLoop} per test method, shared by its {@code @BeforeEach},
 * the test and its {@code @AfterEach}; an {@code io.asyncio4j.EventLoop} parameter; failures nobody handled and
 * leftover tasks fail the test; a real-time timeout, {@code io.asyncio4j.test.TestLoopConfig}). One client is
 * shared by all the parameters of a test. After the {@code @AfterEach} methods the client is closed (session,
 * then the server's graceful close, awaited) and then the test loop. A test that asks for no client still runs
 * on a loop.
 *
 * <p><b>Time.</b> The loop uses virtual time unless the method or class is annotated {@link RealTime} (or
 * {@code @TestLoopConfig(virtualTime = false)}). Virtual time only jumps when nothing outside the loop can wake
 * it: a test that sleeps or times out with no socket open takes no time. While a {@link TestServer} listens its
 * socket is watched, so with a live server the loop waits and the clock follows real time ({@code loop.time()}
 * still starts at 0); keep the timeouts of such tests short. {@code @RealTime} is for tests that compare {@code loop.time()} with the
 * wall clock, or code that reads {@code System.nanoTime()} itself.
 *
 * <p><b>Dependency.</b> The artifact {@code asyncio4j-http-test} (a test dependency of an application) brings
 * JUnit Jupiter's API and {@code asyncio4j-test}; {@link TestServer} and {@link TestClient} do not use them.
 */
public final class AioHttpExtension extends AsyncioExtension {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AioHttpExtension.class);

    /** The extension JUnit instantiates ({@code @ExtendWith(AioHttpExtension.class)}). */
    public AioHttpExtension() {
    }

    /** Per test method: its client, once asked for. */
    private static final class State {
        TestClient client;
    }

    /** Virtual time unless {@link RealTime} or {@code TestLoopConfig} says otherwise. */
    @Override
    protected boolean virtualTime(ExtensionContext context) {
        boolean realTime = context.getTestMethod().map(m -> m.isAnnotationPresent(RealTime.class)).orElse(false)
                || context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, RealTime.class)).orElse(false);
        return !realTime && super.virtualTime(context);
    }

    /** {@link TestClient} and {@link TestServer} parameters, and what {@link AsyncioExtension} supports. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return (type == TestClient.class || type == TestServer.class)
                && parameterContext.getDeclaringExecutable() instanceof Method
                || super.supportsParameter(parameterContext, extensionContext);
    }

    /** The test's client (or its server), started on the test's loop on first use. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type != TestClient.class && type != TestServer.class) {
            return super.resolveParameter(parameterContext, extensionContext);
        }
        State state = extensionContext.getStore(NS).getOrComputeIfAbsent(State.class, k -> new State(), State.class);
        if (state.client == null) {
            Method factory = appFactory(extensionContext.getRequiredTestClass());
            Object target = Modifier.isStatic(factory.getModifiers()) ? null
                    : extensionContext.getRequiredTestInstance();
            try {
                state.client = testLoop(extensionContext).run(() -> {
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
        return type == TestServer.class ? state.client.server() : state.client;
    }

    /** Closes the client (and its server) on the test's loop, then the loop. */
    @Override
    public void afterEach(ExtensionContext extensionContext) {
        State state = extensionContext.getStore(NS).remove(State.class, State.class);
        try {
            if (state != null && state.client != null) {
                testLoop(extensionContext).run(state.client.closeAndWait());
            }
        } finally {
            super.afterEach(extensionContext);
        }
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
