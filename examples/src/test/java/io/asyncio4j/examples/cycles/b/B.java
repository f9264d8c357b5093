package io.asyncio4j.examples.cycles.b;

import io.asyncio4j.examples.cycles.a.A;

/** PackageCyclesTest's fixture: {@code b} uses {@code a}, which uses {@code b}. */
public final class B {
    private B() {
    }

    /** @return an {@code A}'s number */
    public static int viaA() {
        return A.one() + 1;
    }

    /** @return one */
    public static int one() {
        return 1;
    }
}
