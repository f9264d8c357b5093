package io.asyncio4j.bench.jmh;

import io.asyncio4j.bench.SwitchBench;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH twin of {@link SwitchBench}: one invocation is a whole {@code Asyncio.run(...)} of T tasks x N
 * {@code sleep(0)}; {@link OperationsPerInvocation} makes the score nanoseconds per switch. The shapes are the
 * side-by-side ones scaled down to 100,000 switches per invocation: 1 x 100,000 and 10,000 x 10.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar SwitchJmh                    # both carriers
 * java -jar bench/target/benchmarks.jar SwitchJmh -p carrier=fast
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class SwitchJmh {
    static final int SWITCHES_PER_INVOCATION = 100_000;

    /** The asyncio4j carrier ({@code -Dasyncio4j.carrier}); each loop picks it when created. */
    @Param({"fast", "portable"})
    public String carrier;

    @Setup(Level.Trial)
    public void setCarrier() {
        System.setProperty("asyncio4j.carrier", carrier);
    }

    /** One task switching 100,000 times. */
    @Benchmark
    @OperationsPerInvocation(SWITCHES_PER_INVOCATION)
    public long oneTask() {
        return SwitchBench.runOnce(1, SWITCHES_PER_INVOCATION);
    }

    /** 10,000 tasks switching 10 times each. */
    @Benchmark
    @OperationsPerInvocation(SWITCHES_PER_INVOCATION)
    public long tenThousandTasks() {
        return SwitchBench.runOnce(10_000, SWITCHES_PER_INVOCATION / 10_000);
    }
}
