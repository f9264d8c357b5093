package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The seed tour: every program of the seed documents ({@code seeds/000..004}) in the order the documents show
 * them, each as its Java twin, under a header with its name and seed reference; the few that have no twin say why.
 * The HTTP programs talk to a local httpbin ({@link LocalHttpbin}) that each twin starts itself, instead of the
 * public sites of the seeds.
 *
 * <pre>
 * java io.asyncio4j.examples.Tour [--real-time] [NAME]
 * </pre>
 *
 * <p>By default each twin runs on a fresh loop in virtual time, a {@link Runner#closedWorld(boolean) closed world}
 * (its sockets lead to its own httpbin), so the whole tour takes seconds: what really takes time are the blocking
 * twins ({@link RunInExecutorThreadPool}'s 2 s sleep, {@link BlockingRequests}' five 1 s requests,
 * {@link RequestsInExecutor}'s 2 s), which wait for other threads. {@code --real-time} runs them on the real clock,
 * so the seeds' timing claims can be watched (ten concurrent requests to {@code /delay/1} in 1 s). With a NAME only
 * that program runs.
 */
public final class Tour {
    private Tour() {
    }

    /** What the tour holds for one seed program: a twin, or why there is none (yet). */
    public record Program(String name, String seed, Twin twin, String note) {
        /** Whether the program has a twin to run. */
        public boolean runnable() {
            return twin != null;
        }
    }

    private static Program twin(String name, String seed, Twin twin) {
        return new Program(name, seed, twin, null);
    }

    private static Program none(String name, String seed, String why) {
        return new Program(name, seed, null, "no twin: " + why);
    }

    /** Every seed program, in the order the seeds show them. */
    public static final List<Program> PROGRAMS = List.of(
            none("SyncHelloLoop", "000 §asyncio (first program)",
                    "synchronous, no asyncio (time.sleep in a plain loop); as written also a SyntaxError"),
            none("NameMainGuard", "000 §What does __name__ == '__main__' do? (three programs)",
                    "Python's module import semantics, no asyncio"),
            twin("HelloWorldWait", "000 §asyncio (run_until_complete(asyncio.wait(tasks)))", HelloWorldWait::run),
            twin("AiohttpHello", "000 §aiohttp (print(await response.read()))", AiohttpHello::run),
            twin("WaitVersusGatherCancellation", "000 §What different between wait and gather?",
                    WaitVersusGatherCancellation::run),
            twin("AiohttpEnsureFutureWait", "000 §aiohttp (five ensure_future requests, asyncio.wait)", AiohttpEnsureFutureWait::run),
            twin("AiohttpEnsureFutureGather", "000 §aiohttp (five ensure_future requests, asyncio.gather)", AiohttpEnsureFutureGather::run),
            twin("HelloWorld", "001 §协程 In [2]", HelloWorld::run),
            twin("SayAfterSequential", "001 §协程 In [4]", SayAfterSequential::run),
            twin("SayAfterTasks", "001 §协程 In [6]", SayAfterTasks::run),
            none("NotebookReprCells", "001 §协程 In [15] and In [3]",
                    "notebook cells that only display the repr of a running Windows loop and of a coroutine object"),
            twin("AwaitCoroutine", "001 §可等待对象 In [12]", AwaitCoroutine::run),
            twin("AwaitTask", "001 §可等待对象 In [13]", AwaitTask::run),
            none("FuturesSnippet", "001 §可等待对象 (Futures), §运行asyncio程序, §创建任务",
                    "fragments calling functions the seed never defines"),
            twin("DisplayDate", "001 §休眠 In [18]", DisplayDate::run),
            twin("GatherFactorials", "001 §并发运行任务 In [19]", GatherFactorials::run),
            twin("WaitForTimeout", "001 §超时 In [1]", WaitForTimeout::run),
            twin("SimpleWait", "001 §简单等待 In [2]", SimpleWait::run),
            none("AsCompletedSnippet", "001 §简单等待 (as_completed)", "a fragment: coro_list is never defined"),
            twin("StartCoroutine", "002 §启动一个协程", StartCoroutine::run),
            twin("AiohttpGetPage", "002 §例子 (get_page with aiohttp, asyncio.wait)", AiohttpGetPage::run),
            twin("BlockingRequests", "003 §1.三 (requests.get five times)", BlockingRequests::run),
            twin("AiohttpSendRequests", "003 §1.三 (ten send_req tasks with aiohttp, two versions)", AiohttpSendRequests::run),
            twin("RequestsInExecutor", "003 §1.三 and §7 (requests.get in run_in_executor)", RequestsInExecutor::run),
            twin("FunctionVersusCoroutine", "003 §2.一 協程(coroutines)", FunctionVersusCoroutine::run),
            none("RunUntilCompleteSnippet", "003 §2.一 and §4.三 (get_event_loop, run_until_complete, close)",
                    "the three lines asyncio.run stands for, shown without a program; StartCoroutine runs them"),
            twin("AwaitFoo", "003 §3 await (foo/text)", AwaitFoo::run),
            twin("NestedAwaits", "003 §3 await (matryoshka)", NestedAwaits::run),
            twin("DoneCallbackWithoutAwait", "003 §4.一 await (add_done_callback, no await)",
                    DoneCallbackWithoutAwait::run),
            twin("AwaitCreatedTask", "003 §4.一 await (await task)", AwaitCreatedTask::run),
            twin("MainDoesNotWaitForTask", "003 §4.一 await (sleep 1 against a task of 3)",
                    MainDoesNotWaitForTask::run),
            twin("TaskNotAwaited", "003 §4.二 await與await task之間的不同 (value = task1)", TaskNotAwaited::run),
            twin("AwaitTask1Only", "003 §4.二 (value = await task1)", AwaitTask1Only::run),
            twin("FetchDataAndPrintNumbers", "003 §4.二 (await task2; value = await task1) and 例子3",
                    FetchDataAndPrintNumbers::run),
            twin("AwaitCoroutinesInSequence", "003 §4.二 例子1", AwaitCoroutinesInSequence::run),
            twin("TaskNextToAwaitedCoroutine", "003 §4.二 例子2", TaskNextToAwaitedCoroutine::run),
            twin("EndAfterTask1", "003 §4.二 正序", EndAfterTask1::run),
            twin("EndAfterTask2", "003 §4.二 两个await task换位", EndAfterTask2::run),
            twin("TasksOneAfterAnother", "003 §4.二 (last program)", TasksOneAfterAnother::run),
            twin("DoneCallbackRunsAfterMain", "003 §4.三 callback (the experiment)", DoneCallbackRunsAfterMain::run),
            twin("CallbackAfterAwait", "003 §4.三 callback (after await task)", CallbackAfterAwait::run),
            none("FutureNeverSet", "003 §4.四 future (first program)",
                    "awaits a future nobody sets, so, as the seed says, it never ends"),
            twin("FutureSetAfter", "003 §4.四 future (set_after)", FutureSetAfter::run),
            twin("EnsureFutureCallbacks", "003 §4.五 ensure_future", EnsureFutureCallbacks::run),
            twin("EnsureFutureCallbacksTimed", "003 §4.五 ensure_future (timed)", EnsureFutureCallbacksTimed::run),
            twin("AiohttpLoadData", "003 §5 with...as (load_data with delays 2 and 3)", AiohttpLoadData::run),
            twin("GatherVersusWait", "003 §6.一 gather與wait的區別", GatherVersusWait::run),
            twin("WaitTimeout", "003 §6.二 1. (timeout=0.5)", WaitTimeout::run),
            twin("WaitReturnsDoneAndPending", "003 §6.二 2. (print(done))", WaitReturnsDoneAndPending::run),
            twin("WaitTimeoutDonePending", "003 §6.二 3. (done, pending)", WaitTimeoutDonePending::run),
            twin("WaitNamedTasks", "003 §6.二 4. (named tasks)", WaitNamedTasks::run),
            twin("RunWaitDirectly", "003 §6.二 5. (asyncio.run(asyncio.wait(...)))", RunWaitDirectly::run),
            twin("AiohttpGatherLoadData", "003 §6.三 gather詳解 (three versions)", AiohttpGatherLoadData::run),
            none("SyncFib", "003 §7 run_in_executor (fib(38) timed, no asyncio)", "synchronous, no asyncio"),
            twin("GatherBlockingFib", "003 §7 run_in_executor (fib in a coroutine)", GatherBlockingFib::run),
            twin("RunInExecutorFib", "003 §7 run_in_executor (calc_fib in the executor)", RunInExecutorFib::run),
            none("SimpleRunInExecutor", "003 §7 run_in_executor (simple_run_in_executor)",
                    "a fragment the seed calls not runnable"),
            twin("RunInExecutorThreadPool", "003 §7 run_in_executor (ThreadPoolExecutor)",
                    RunInExecutorThreadPool::run),
            twin("SemaphoreLimit", "003 §8 Semaphore (without and with the limit)", SemaphoreLimit::run),
            twin("AsyncioInAClass", "003 §9 asyncio在class中的用法", AsyncioInAClass::run),
            twin("RangeTaskList", "003 §10 range task list", RangeTaskList::run),
            twin("AsyncContextManager", "003 §11 異步IO操作管理器", AsyncContextManager::run),
            none("Uvloop", "003 §12 uvloop", "installs another event loop; asyncio4j has its own and prints nothing"),
            none("CoroutineDecorator", "004 §使用asyncio来定义协程 (two programs)",
                    "@asyncio.coroutine was removed in Python 3.11 (AttributeError); Java has no decorators"),
            twin("EnsureFutureHello", "004 §asyncio协程的调用逻辑", EnsureFutureHello::run),
            twin("DoneCallbackResult", "004 §回调方法", DoneCallbackResult::run),
            twin("ConcurrentTasksWait", "004 §在协程中的并发", ConcurrentTasksWait::run));

    /** The program named {@code name}. @throws IllegalArgumentException if there is none */
    public static Program program(String name) {
        return PROGRAMS.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seed program named " + name));
    }

    /**
     * Runs {@code p}'s twin on a fresh loop (virtual time unless {@code realTime}), printing to {@code out}, then
     * closes the loop, which cancels the tasks the program left behind, as {@code asyncio.run} does.
     *
     * @return the loop's clock at the end, after the clean-up
     */
    public static double run(Program p, boolean realTime, PrintStream out) throws Exception {
        Runner runner = new Runner().virtualTime(!realTime).closedWorld(!realTime);
        EventLoop loop = runner.getLoop(); // now also this thread's event loop, what get_event_loop() returns
        try {
            p.twin().run(runner, out);
        } finally {
            // A twin may close the loop itself, as a seed's loop.close() does; then there is nothing to clean up.
            if (!loop.isClosed()) {
                runner.close();
            } else {
                Asyncio.setEventLoop(null);
            }
        }
        return loop.time();
    }

    public static void main(String[] args) throws Exception {
        boolean realTime = false;
        String only = null;
        for (String a : args) {
            if (a.equals("--real-time")) {
                realTime = true;
            } else if (a.startsWith("-")) {
                usage("unknown option " + a);
            } else if (only == null) {
                only = a;
            } else {
                usage("one program name at most");
            }
        }
        PrintStream out = new PrintStream(System.out, true, System.out.charset());
        List<Program> programs = PROGRAMS;
        if (only != null) {
            try {
                programs = List.of(program(only));
            } catch (IllegalArgumentException e) {
                usage(e.getMessage());
            }
        }
        long twins = programs.stream().filter(Program::runnable).count();
        long t0 = System.nanoTime();
        for (Program p : programs) {
            out.println("== " + p.name() + " (seed " + p.seed() + ")" + (p.runnable() ? "" : ": " + p.note()));
            if (p.runnable()) {
                run(p, realTime, out);
                out.println();
            }
        }
        if (only == null) {
            out.printf(Locale.ROOT, "%d seed programs, %d twins run in %.1f s (%s)%n", programs.size(), twins,
                    (System.nanoTime() - t0) / 1e9, realTime ? "real time" : "virtual time");
        }
    }

    private static void usage(String problem) {
        System.err.println("tour: " + problem);
        System.err.println("usage: ./asyncio4j tour [--real-time] [NAME]; names:");
        PROGRAMS.forEach(p -> System.err.println("  " + p.name() + (p.runnable() ? "" : "  (" + p.note() + ")")));
        System.exit(2);
    }
}
