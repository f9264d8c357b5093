package io.asyncio4j;

/** When {@link Asyncio#wait(java.util.Collection, Double, ReturnWhen)} returns. */
public enum ReturnWhen {
    /** As soon as any future is done or cancelled. */
    FIRST_COMPLETED,
    /** As soon as any future finishes with an exception, or when all are done. */
    FIRST_EXCEPTION,
    /** When all futures are done. */
    ALL_COMPLETED
}
