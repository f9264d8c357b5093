package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 10. "異步請求連續編號頁面的方法（range task list）": eleven page jobs
 * taking 1 to 11 s, all started at once and gathered: one line per second, 11 s in all, then the goodbye.
 */
public final class RangeTaskList {
    private RangeTaskList() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            List<Task<Void>> taskList = new ArrayList<>();
            int page = 10;
            int usetime = 1;
            while (page >= 0 && usetime <= 11) {
                String url = "http://www.last" + page + "daysoftheworld.com/" + page + "day.html";
                int seconds = usetime;
                taskList.add(createTask(() -> {
                    sleep(seconds).await();
                    out.println("get " + url + " done in " + seconds + " seconds");
                    return null;
                }));
                page -= 1;
                usetime += 1;
            }
            gather(taskList).await();
            out.println("goodbye, cruel world!");
            return null;
        });
    }
}
