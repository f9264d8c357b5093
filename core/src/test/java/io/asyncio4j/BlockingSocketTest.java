package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plain blocking {@code java.net.Socket} code inside tasks: on the fast carrier a task blocked in socket I/O parks
 * only itself, and the loop runs the other tasks meanwhile. (The portable carrier cannot do this: there such a call
 * blocks the loop, as a blocking call does in CPython.)
 */
@org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class BlockingSocketTest {
    static final int CLIENTS = 50;

    @Test
    void fiftyTasksBlockInSocketReadsAtOnceWhileAnotherTicks() throws Exception {
        assumeTrue("fast".equals(System.getProperty("asyncio4j.carrier")), "the fast carrier only");
        try (ServerSocket server = new ServerSocket(0)) {
            // The server answers nobody until all fifty are connected and have sent a byte: if the tasks ran one
            // after another, the first would wait forever.
            Thread peer = Thread.ofPlatform().daemon().start(() -> {
                List<Socket> conns = new ArrayList<>();
                try {
                    for (int i = 0; i < CLIENTS; i++) {
                        Socket s = server.accept();
                        s.getInputStream().read();
                        conns.add(s);
                    }
                    Thread.sleep(200);
                    for (Socket s : conns) {
                        s.getOutputStream().write('!');
                        s.close();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            int[] ticks = {0};
            List<Object> results = Asyncio.run(() -> {
                Task<Void> ticker = Asyncio.createTask(() -> {
                    while (true) {
                        Asyncio.sleep(0.01).await();
                        ticks[0]++;
                    }
                });
                List<Coro<Object>> clients = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(() -> {
                        try (Socket s = new Socket("127.0.0.1", server.getLocalPort())) {
                            OutputStream out = s.getOutputStream();
                            out.write('?');
                            InputStream in = s.getInputStream();
                            return (char) in.read(); // blocks this task only
                        }
                    });
                }
                List<Object> r = new ArrayList<>(Asyncio.gather(clients).await());
                ticker.cancel();
                return r;
            });
            peer.join();
            assertThat(results).hasSize(CLIENTS).containsOnly('!');
            assertThat(ticks[0]).as("the ticker ran while the reads were blocked").isPositive();
        }
    }
}
