package io.asyncio4j.examples.cycles.d;

import io.asyncio4j.examples.cycles.c.C;

/** PackageCyclesTest's fixture: {@code d} uses {@code c}, whose internal package uses {@code d}: a cycle. */
public final class D {
    private D() {
    }

    /** @return {@code c}'s number */
    public static int viaC() {
        return C.one();
    }

    /** @return one */
    public static int one() {
        return 1;
    }
}
