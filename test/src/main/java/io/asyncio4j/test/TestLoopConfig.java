package io.asyncio4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@link TestLoop} options {@link AsyncioExtension} uses for a test method or class (the method's annotation
 * wins over its class's, the class's over its superclass's). Without it: virtual time and
 * {@link TestLoop#DEFAULT_TIMEOUT}.
 *
 * <pre>{@code
 * @ExtendWith(AsyncioExtension.class)
 * @TestLoopConfig(timeoutSeconds = 5)
 * class FastTests { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface TestLoopConfig {
    /**
     * Whether the loop's clock is virtual (the default) or real: real time is for tests that compare
     * {@code loop.time()} with the wall clock, or code that reads {@code System.nanoTime()} itself.
     *
     * @return true for virtual time
     */
    boolean virtualTime() default true;

    /**
     * The real time, in seconds, that each of the test's runs on the loop (a {@code @BeforeEach} method, the test,
     * an {@code @AfterEach} method) may take before it is cancelled and fails; must be positive.
     *
     * @return the timeout in seconds of real time
     */
    double timeoutSeconds() default 60;
}
