package io.asyncio4j.examples.cycles.c.internal;

import io.asyncio4j.examples.cycles.c.C;
import io.asyncio4j.examples.cycles.d.D;

/** PackageCyclesTest's fixture: {@code c}'s implementation, using {@code c} and {@code d}. */
public final class Impl {
    private Impl() {
    }

    /** @return a number from {@code c} and {@code d} */
    public static int value() {
        return C.one() + D.one();
    }
}
