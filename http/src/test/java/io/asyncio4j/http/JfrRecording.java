package io.asyncio4j.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Runs a program on a loop under an in-process JFR recording and reads one event type back. */
public final class JfrRecording {
    private JfrRecording() {
    }

    /**
     * Runs {@code main} with {@link Asyncio#run} while a recording runs with the event {@code name} enabled (threshold
     * 0) or disabled (HTTP events are on by default in any recording), then dumps it into {@code dir}.
     *
     * @return the recorded events named {@code name}, in the file's order
     */
    public static List<RecordedEvent> record(String name, boolean enable, Path dir, Coro<Void> main)
            throws IOException {
        try (Recording r = new Recording()) {
            if (enable) {
                r.enable(name).withThreshold(Duration.ZERO);
            } else {
                r.disable(name);
            }
            r.start();
            Asyncio.run(main);
            r.stop();
            Path file = dir.resolve("rec.jfr");
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(name))
                    .toList();
        }
    }
}
