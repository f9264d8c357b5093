package io.asyncio4j.http.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a test class that {@link AioHttpExtension} calls to build the {@link
 * io.asyncio4j.http.web.Application} served to a test's {@link TestClient} parameter: static or instance, no
 * parameters, returns an {@code Application}. One per class (including its superclasses). It is called on the
 * test's loop, once per test method that asks for a client.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AppFactory {
}
