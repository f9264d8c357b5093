package io.asyncio4j.examples.cycles.c;

import io.asyncio4j.examples.cycles.c.internal.Impl;

/** PackageCyclesTest's fixture: a public package that uses its internal package, which uses it back. */
public final class C {
    private C() {
    }

    /** @return the implementation's number */
    public static int value() {
        return Impl.value();
    }

    /** @return one */
    public static int one() {
        return 1;
    }
}
