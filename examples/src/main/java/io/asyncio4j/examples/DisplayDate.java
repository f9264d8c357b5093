package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "休眠", In [18]: a loop that prints the date every second for 5 s,
 * using {@code loop.time()} for its deadline.
 *
 * <p>The seed prints {@code datetime.datetime.now()}; the twin prints {@code loop.time()} seconds after
 * 1970-01-01 00:00:00 in {@code str(datetime)}'s format, so virtual time prints {@code 1970-01-01 00:00:00} to
 * {@code 1970-01-01 00:00:04} (microseconds appear, as in Python, only when not zero).
 */
public final class DisplayDate {
    private DisplayDate() {
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    static String now(EventLoop loop) {
        long micros = Math.round(loop.time() * 1e6);
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                (int) Math.floorMod(micros, 1_000_000) * 1000, ZoneOffset.UTC);
        return t.format(t.getNano() == 0 ? SECONDS : MICROS);
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double endTime = loop.time() + 5.0;
            while (true) {
                out.println(now(loop));
                if (loop.time() + 1.0 >= endTime) {
                    break;
                }
                Asyncio.sleep(1).await();
            }
            return null;
        });
    }
}
