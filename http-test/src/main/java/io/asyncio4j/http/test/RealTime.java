package io.asyncio4j.http.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test method or class run by {@link AioHttpExtension}: its loop uses the real clock instead of virtual time
 * (as {@code @TestLoopConfig(virtualTime = false)} of {@code asyncio4j-test}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RealTime {
}
