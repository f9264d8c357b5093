package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task's virtual thread carries the task's name, so that a JDK thread dump names each task; {@link Task#setName}
 * renames the thread. Runs on both carriers (the build runs every test on each).
 */
@Timeout(30)
class TaskThreadNameTest {

    private static String threadName() {
        return Thread.currentThread().getName();
    }

    @Test
    void theMainTaskAndAnExplicitlyNamedTaskHaveThreadsOfTheirNames() {
        List<String> seen = Asyncio.run(() -> {
            List<String> r = new ArrayList<>();
            Task<?> main = Asyncio.currentTask();
            r.add(String.valueOf(threadName().equals(main.getName())));
            r.add(String.valueOf(Thread.currentThread().isVirtual()));
            r.add(Asyncio.createTask(TaskThreadNameTest::threadName, "fetcher-1").await());
            return r;
        });
        assertThat(seen).containsExactly("true", "true", "fetcher-1");
    }

    @Test
    void aDefaultNamedTaskHasAThreadNamedTaskN() {
        String[] names = Asyncio.run(() -> {
            Task<String> t = Asyncio.createTask(TaskThreadNameTest::threadName);
            return new String[] {t.await(), t.getName()};
        });
        assertThat(names[0]).matches("Task-\\d+").isEqualTo(names[1]);
    }

    @Test
    void setNameBeforeTheFirstStepNamesTheThread() {
        String name = Asyncio.run(() -> {
            Task<String> t = Asyncio.createTask(TaskThreadNameTest::threadName, "before");
            t.setName("renamed-before-start");
            return t.await();
        });
        assertThat(name).isEqualTo("renamed-before-start");
    }

    @Test
    void setNameFromInsideTheTaskRenamesItsThread() {
        List<String> seen = Asyncio.run(() -> {
            List<String> r = new ArrayList<>();
            r.add(threadName());
            Asyncio.currentTask().setName("self-renamed");
            r.add(threadName());
            Asyncio.sleep(0).await();
            r.add(threadName());
            return r;
        });
        assertThat(seen.get(0)).matches("Task-\\d+");
        assertThat(seen.subList(1, 3)).containsExactly("self-renamed", "self-renamed");
    }

    @Test
    void setNameFromAnotherTaskWhileSuspendedRenamesItsThread() {
        List<String> seen = Asyncio.run(() -> {
            List<String> r = new ArrayList<>();
            Event go = new Event();
            Task<Void> t = Asyncio.createTask(() -> {
                r.add(threadName());
                go.waitSet().await();
                r.add(threadName());
                return null;
            }, "worker");
            Asyncio.sleep(0).await(); // t runs up to go.await()
            t.setName("worker-renamed");
            r.add(t.getName());
            go.set();
            t.await();
            t.setName("after-the-end"); // a finished task's thread may be renamed too: no error
            r.add(t.getName());
            return r;
        });
        assertThat(seen).containsExactly("worker", "worker-renamed", "worker-renamed", "after-the-end");
    }

    @Test
    void setNameNullNamesTheThreadNull() {
        String name = Asyncio.run(() -> {
            Asyncio.currentTask().setName(null);
            return threadName();
        });
        assertThat(name).isEqualTo("null");
    }
}
