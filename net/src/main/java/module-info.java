/**
 * asyncio4j's networking: transports and protocols ({@link io.asyncio4j.net}) and the streams API over them
 * ({@link io.asyncio4j.streams}). Its API takes and returns core types, so a module that reads this one reads
 * {@code io.asyncio4j} too.
 */
module io.asyncio4j.net {
    // @CheckReturnValue: read by IDEs and Error Prone at compile time, not needed to run.
    requires static com.google.errorprone.annotations;
    requires transitive io.asyncio4j;

    exports io.asyncio4j.net;
    exports io.asyncio4j.streams;
}
