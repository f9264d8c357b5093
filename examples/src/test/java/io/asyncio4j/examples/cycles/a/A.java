package io.asyncio4j.examples.cycles.a;

import io.asyncio4j.examples.cycles.b.B;

/** PackageCyclesTest's fixture: {@code a} uses {@code b}, which uses {@code a}. */
public final class A {
    private A() {
    }

    /** @return a {@code B}'s number */
    public static int viaB() {
        return B.one() + 1;
    }

    /** @return one */
    public static int one() {
        return 1;
    }
}
