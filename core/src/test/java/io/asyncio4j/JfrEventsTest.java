package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's JFR events, read back from an in-process recording: what each records and when, with thresholds of 0
 * (nothing here depends on timing), and nothing when a recording does not enable them.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class JfrEventsTest {
    @TempDir
    Path dir;

    private interface Body {
        void run() throws Exception;
    }

    /** Records {@code body} with the given events on (threshold 0) and the library's others off. */
    @SafeVarargs
    private List<RecordedEvent> record(Body body, Class<? extends Event>... enabled) throws Exception {
        try (Recording r = new Recording()) {
            for (Class<? extends Event> c : List.of(TaskCreatedEvent.class, TaskFinishedEvent.class,
                    SlowCallbackEvent.class, LoopLagEvent.class)) {
                r.disable(c); // a recording applies each event's defaults unless told
            }
            for (Class<? extends Event> c : enabled) {
                r.enable(c).withThreshold(Duration.ZERO);
            }
            r.start();
            body.run();
            r.stop();
            Path file = dir.resolve("rec.jfr");
            r.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            Files.delete(file);
            return events.stream().filter(e -> e.getEventType().getName().startsWith("io.asyncio4j."))
                    .collect(Collectors.toList());
        }
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    private static Map<String, RecordedEvent> byTask(List<RecordedEvent> events) {
        return events.stream().collect(Collectors.toMap(e -> e.getString("name"), e -> e, (a, b) -> a));
    }

    @Test
    void taskFinishedSaysHowEachTaskEnded() throws Exception {
        List<RecordedEvent> events = record(() -> Asyncio.run(() -> {
            Task<Integer> ok = Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                return 42;
            }, "ok");
            Task<Void> failing = Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                throw new IllegalStateException("boom");
            }, "failing");
            Task<Void> cancelled = Asyncio.createTask(() -> Asyncio.sleep(3600).await(), "cancelled");
            Task<Void> neverStarted = Asyncio.createTask(() -> null, "never-started");
            neverStarted.cancel();
            Asyncio.sleep(0).await();
            cancelled.cancel();
            ok.await();
            Asyncio.gather(true, failing, cancelled, neverStarted).await();
            return null;
        }), TaskFinishedEvent.class);
        Map<String, RecordedEvent> finished = byTask(named(events, "io.asyncio4j.TaskFinished"));
        assertThat(finished).containsKeys("ok", "failing", "cancelled", "never-started");
        assertThat(finished.get("ok").getString("outcome")).isEqualTo("result");
        assertThat(finished.get("ok").getString("exception")).isNull();
        assertThat(finished.get("failing").getString("outcome")).isEqualTo("exception");
        assertThat(finished.get("failing").getString("exception")).isEqualTo("java.lang.IllegalStateException");
        assertThat(finished.get("cancelled").getString("outcome")).isEqualTo("cancelled");
        assertThat(finished.get("never-started").getString("outcome")).isEqualTo("cancelled");
        // the event spans the task's life: it starts at createTask, before the first step
        assertThat(finished.get("ok").getDuration()).isPositive();
        assertThat(finished.get("ok").getStackTrace()).isNull();
        assertThat(named(events, "io.asyncio4j.TaskCreated")).isEmpty(); // not enabled
    }

    @Test
    void aTaskPendingWhenItsLoopClosesEndsDestroyed() throws Exception {
        List<RecordedEvent> events = record(() -> {
            EventLoop loop = Asyncio.newEventLoop();
            loop.setExceptionHandler((l, ctx) -> { }); // "Task was destroyed but it is pending!" is expected
            loop.createTask(() -> Asyncio.sleep(3600).await(), "stuck");
            loop.createTask(() -> null, "unstarted");
            loop.runUntilComplete(Asyncio.sleep(0));
            Future<Void> never = loop.createFuture();
            loop.createTask(() -> never.await(), "waiting");
            loop.close();
        }, TaskFinishedEvent.class);
        Map<String, RecordedEvent> finished = byTask(named(events, "io.asyncio4j.TaskFinished"));
        assertThat(finished).containsKeys("stuck", "waiting", "unstarted");
        assertThat(finished.get("stuck").getString("outcome")).isEqualTo("destroyed");
        assertThat(finished.get("waiting").getString("outcome")).isEqualTo("destroyed");
        assertThat(finished.get("unstarted").getString("outcome")).isEqualTo("result");
    }

    @Test
    void taskCreatedSpansTheWaitForTheFirstStepAndNamesTheCreator() throws Exception {
        List<RecordedEvent> events = record(() -> Asyncio.run(() -> {
            Asyncio.createTask(() -> null, "plain").await();
            Asyncio.getRunningLoop().setTaskFactory(Asyncio.eagerTaskFactory());
            Asyncio.getRunningLoop().createTask(() -> null, "eager").await();
            Task<Void> dropped = Asyncio.getRunningLoop().createTask(() -> Asyncio.sleep(0).await(), "dropped");
            Asyncio.getRunningLoop().setTaskFactory(null);
            Task<Void> cancelled = Asyncio.createTask(() -> null, "cancelled-first");
            cancelled.cancel();
            Asyncio.gather(true, dropped, cancelled).await();
            return null;
        }), TaskCreatedEvent.class);
        Map<String, RecordedEvent> created = byTask(named(events, "io.asyncio4j.TaskCreated"));
        assertThat(created).containsKeys("plain", "eager", "dropped", "cancelled-first");
        assertThat(created.get("plain").getBoolean("eager")).isFalse();
        assertThat(created.get("eager").getBoolean("eager")).isTrue();
        String main = created.get("plain").getString("creator");
        assertThat(main).startsWith("Task-"); // Asyncio.run's main task
        for (String task : List.of("plain", "eager", "dropped", "cancelled-first")) {
            assertThat(created.get(task).getString("creator")).as(task).isEqualTo(main);
            assertThat(created.get(task).getStackTrace()).isNull();
            assertThat(created.get(task).getDuration().isNegative()).isFalse();
        }
        assertThat(named(events, "io.asyncio4j.TaskFinished")).isEmpty(); // not enabled
    }

    @Test
    void bothTaskEventsTogetherFromACallbackAndOutsideTheLoop() throws Exception {
        List<RecordedEvent> events = record(() -> {
            EventLoop loop = Asyncio.newEventLoop();
            loop.setExceptionHandler((l, ctx) -> { });
            loop.createTask(() -> null, "outside");
            loop.callSoon(() -> loop.createTask(() -> null, "from-callback"));
            loop.runUntilComplete(Asyncio.sleep(0.001));
            loop.createTask(() -> null, "never-run");
            loop.close();
        }, TaskCreatedEvent.class, TaskFinishedEvent.class);
        Map<String, RecordedEvent> created = byTask(named(events, "io.asyncio4j.TaskCreated"));
        Map<String, RecordedEvent> finished = byTask(named(events, "io.asyncio4j.TaskFinished"));
        assertThat(created).containsKeys("outside", "from-callback", "never-run");
        assertThat(finished).containsKeys("outside", "from-callback", "never-run");
        assertThat(created.get("from-callback").getString("creator")).isNull();
        assertThat(finished.get("outside").getString("outcome")).isEqualTo("result");
        assertThat(finished.get("never-run").getString("outcome")).isEqualTo("destroyed");
        // the life starts at creation too: it contains the wait for the first step
        assertThat(finished.get("outside").getStartTime()).isBeforeOrEqualTo(created.get("outside").getEndTime());
    }

    @Test
    void aSlowCallbackIsRecordedOutsideDebugModeWithTheHandleDebugModeWouldName() throws Exception {
        List<RecordedEvent> events = record(() -> Asyncio.run(() -> {
            assertThat(Asyncio.getRunningLoop().getDebug()).isFalse();
            Asyncio.createTask(() -> null, "stepper").await();
            Future<Void> done = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().callSoon(new Runnable() {
                @Override
                public void run() {
                    done.setResult(null);
                }

                @Override
                public String toString() {
                    return "the-callback";
                }
            });
            done.await();
            return null;
        }), SlowCallbackEvent.class);
        List<RecordedEvent> slow = named(events, "io.asyncio4j.SlowCallback");
        // threshold 0: every callback and step is "slow"; each names its handle as debug mode's warning does
        assertThat(slow).anyMatch(e -> e.getString("callback").startsWith("<Task")
                && e.getString("callback").contains("name='stepper'"));
        assertThat(slow).anyMatch(e -> e.getString("callback").startsWith("<Handle")
                && e.getString("callback").contains("the-callback"));
        assertThat(slow).allMatch(e -> e.getStackTrace() == null && !e.getDuration().isNegative());
    }

    @Test
    void loopLagCoversEveryWayACallbackBecomesReady() throws Exception {
        List<RecordedEvent> events = record(() -> Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> soon = loop.createFuture();
            loop.callSoon(named("soon-callback", () -> soon.setResult(null)));
            soon.await();
            Future<Void> later = loop.createFuture();
            loop.callLater(0.001, named("timer-callback", () -> later.setResult(null)));
            later.await();
            Future<Void> threadsafe = loop.createFuture();
            Thread t = new Thread(() -> loop.callSoonThreadsafe(named("threadsafe-callback",
                    () -> threadsafe.setResult(null))));
            t.start();
            threadsafe.await();
            t.join();
            Asyncio.createTask(() -> null, "lagging").await();
            return null;
        }), LoopLagEvent.class);
        List<RecordedEvent> lag = named(events, "io.asyncio4j.LoopLag");
        for (String cb : List.of("soon-callback", "timer-callback", "threadsafe-callback", "name='lagging'")) {
            assertThat(lag).as(cb).anyMatch(e -> e.getString("callback").contains(cb));
        }
        assertThat(lag).allMatch(e -> e.getStackTrace() == null && !e.getDuration().isNegative());
    }

    @Test
    void loopLagStampsStayAlignedWithTheQueueWhenARecordingStartsInTheMiddleOfAnIteration() throws Exception {
        Recording[] started = new Recording[1];
        try {
            int[] left = new int[1];
            Asyncio.run(() -> {
                BaseEventLoop loop = (BaseEventLoop) Asyncio.getRunningLoop();
                Future<Void> done = loop.createFuture();
                loop.callSoon(() -> {
                    Recording r = new Recording();
                    r.disable(SlowCallbackEvent.class);
                    r.enable(LoopLagEvent.class).withThreshold(Duration.ZERO);
                    r.start();
                    started[0] = r;
                    loop.callSoon(() -> { }); // stamps itself and the handles queued behind this one
                });
                for (int i = 0; i < 5; i++) {
                    loop.callSoon(() -> assertThat(loop.readyLagCount()).isLessThanOrEqualTo(loop.readyCount()));
                }
                loop.callSoon(() -> loop.callSoon(() -> done.setResult(null)));
                done.await();
                Asyncio.sleep(0).await();
                left[0] = loop.readyLagCount();
                return null;
            });
            assertThat(left[0]).isZero();
        } finally {
            if (started[0] != null) {
                started[0].close();
            }
        }
    }

    @Test
    void nothingIsRecordedWhenNoRecordingEnablesTheEvents() throws Exception {
        // a recording is running, but disables them all
        List<RecordedEvent> events = record(() -> {
            assertThat(List.of(TaskCreatedEvent.PROBE.isEnabled(), TaskFinishedEvent.PROBE.isEnabled(),
                    SlowCallbackEvent.PROBE.isEnabled(), LoopLagEvent.PROBE.isEnabled())).containsOnly(false);
            Asyncio.run(() -> {
                Asyncio.createTask(() -> null, "quiet").await();
                Asyncio.sleep(0.001).await();
                return null;
            });
        });
        assertThat(events).isEmpty();
        assertThat(TaskFinishedEvent.PROBE.isEnabled()).isFalse();
        assertThat(LoopLagEvent.PROBE.isEnabled()).isFalse();
    }

    @Test
    void theDefaultsLeaveThePerTaskAndPerCallbackEventsOffWithTheirThresholds() {
        jdk.jfr.EventType created = jdk.jfr.EventType.getEventType(TaskCreatedEvent.class);
        jdk.jfr.EventType finished = jdk.jfr.EventType.getEventType(TaskFinishedEvent.class);
        jdk.jfr.EventType lag = jdk.jfr.EventType.getEventType(LoopLagEvent.class);
        jdk.jfr.EventType slow = jdk.jfr.EventType.getEventType(SlowCallbackEvent.class);
        assertThat(created.isEnabled()).isFalse();
        assertThat(finished.isEnabled()).isFalse();
        assertThat(lag.isEnabled()).isFalse();
        assertThat(slow.isEnabled()).isFalse();
        assertThat(threshold(slow)).isEqualTo("100 ms");
        assertThat(threshold(lag)).isEqualTo("10 ms");
        assertThat(List.of(created, finished, lag, slow)).allMatch(t -> t.getCategoryNames().get(0).equals("asyncio4j"));
    }

    private static String threshold(jdk.jfr.EventType type) {
        return type.getSettingDescriptors().stream().filter(s -> s.getName().equals("threshold")).findFirst()
                .orElseThrow().getDefaultValue();
    }

    private static Runnable named(String name, Runnable r) {
        return new Runnable() {
            @Override
            public void run() {
                r.run();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
