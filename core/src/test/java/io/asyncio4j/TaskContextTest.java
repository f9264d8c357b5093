package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ports of CPython 3.12's {@code Lib/test/test_asyncio/test_tasks.py} {@code test_context_1} to {@code _6}. */
@org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class TaskContextTest {
    @Test
    void context1TheCreatorsLaterSetIsNotSeenByTheTaskNorTheTasksByTheCreator() {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        List<String> seen = VirtualTime.run(() -> {
            List<String> out = new ArrayList<>();
            out.add(cvar.get());
            Task<Void> subtask = Asyncio.createTask(() -> {
                Asyncio.sleep(0.01).await();
                out.add(cvar.get());
                cvar.set("something else");
                return null;
            });
            cvar.set("yes");
            out.add(cvar.get());
            subtask.await();
            out.add(cvar.get());
            return out;
        });
        assertThat(seen).containsExactly("nope", "yes", "nope", "yes");
    }

    @Test
    void context2ADoneCallbacksSetDoesNotPolluteTheTask() {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        List<String> seen = VirtualTime.run(() -> {
            List<String> out = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            out.add(cvar.get());
            for (int j = 0; j < 2; j++) {
                Future<Void> fut = loop.createFuture();
                fut.addDoneCallback(f -> cvar.set("something else"));
                cvar.set("yes" + j);
                loop.callSoon(() -> fut.setResult(null));
                fut.await();
                out.add(cvar.get());
                for (int i = 0; i < 3; i++) {
                    cvar.set("yes" + i + "-" + j);
                    Asyncio.sleep(0.001).await();
                    out.add(cvar.get());
                }
            }
            return out;
        });
        assertThat(seen).containsExactly("nope", "yes0", "yes0-0", "yes1-0", "yes2-0", "yes1", "yes0-1", "yes1-1",
                "yes2-1");
        assertThat(cvar.get()).isEqualTo("nope");
    }

    @Test
    void context3AHundredTasksEachKeepTheirOwnValueAcrossRandomSleeps() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        Random random = new Random(18);
        List<Boolean> ok = VirtualTime.run(() -> {
            List<Boolean> out = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 100; t++) {
                int num = random.nextInt(11);
                tasks.add(Asyncio.getRunningLoop().createTask(() -> {
                    for (int i = 0; i < 10; i++) {
                        cvar.set(num + i);
                        Asyncio.sleep(0.001 + random.nextDouble() * 0.049).await();
                        out.add(cvar.get() == num + i);
                    }
                    return null;
                }, null));
            }
            Asyncio.gather(tasks).await();
            return out;
        });
        assertThat(ok).hasSize(1000).containsOnly(true);
        assertThat(cvar.get()).isEqualTo(-1);
    }

    @Test
    void context4To6TasksGivenTheSameContextOneAfterAnotherLeaveTheirValueInIt() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        for (String how : Arrays.asList("Asyncio.createTask", "loop.createTask")) {
            List<Integer> ret = VirtualTime.run(() -> {
                List<Integer> out = new ArrayList<>();
                Context ctx = Context.copyContext();
                out.add(ctx.get(cvar));
                for (int val = 1; val <= 2; val++) {
                    int v = val;
                    Coro<Void> coro = () -> {
                        Asyncio.sleep(0).await();
                        cvar.set(v);
                        return null;
                    };
                    Task<Void> t = how.startsWith("Asyncio") ? Asyncio.createTask(coro, null, ctx)
                            : Asyncio.getRunningLoop().createTask(coro, null, ctx);
                    t.await();
                    out.add(ctx.get(cvar));
                }
                return out;
            });
            assertThat(ret).as(how).containsExactly(null, 1, 2);
        }
    }
}
