package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.ClientWebSocketResponse;
import io.asyncio4j.http.ws.WSMessage;
import io.asyncio4j.http.ws.WSOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** aiohttp 3.8's WebSocket client against our server, and our client against aiohttp's server. */
class WebSocketInteropTest {
    private static boolean hasAiohttp() throws Exception {
        if (!new File("/usr/bin/python3").canExecute()) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import aiohttp").start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static Path script(String name) throws Exception {
        Path f = Files.createTempFile("ws", ".py");
        f.toFile().deleteOnExit();
        try (var in = WebSocketInteropTest.class.getResourceAsStream("/ws/" + name)) {
            Files.write(f, in.readAllBytes());
        }
        return f;
    }

    @Test
    void aiohttpClientAgainstOurServer() throws Exception {
        aiohttpClient(0);
    }

    @Test
    void aiohttpClientWithCompressionAgainstOurServer() throws Exception {
        aiohttpClient(15);
    }

    private void aiohttpClient(int compress) throws Exception {
        Assumptions.assumeTrue(hasAiohttp(), "python3 with aiohttp is not installed");
        Path py = script("aiohttp_ws_client.py");
        List<String> log = new CopyOnWriteArrayList<>();
        String out = WebSocketServerTest.withServer(WebSocketServerTest.echoApp(log,
                WSOptions.builder().protocols("v1").build()), log, port -> Asyncio.toThread(() -> {
                    Process p = new ProcessBuilder("/usr/bin/python3", py.toString(),
                            "http://127.0.0.1:" + port + "/ws", "" + compress).redirectErrorStream(true).start();
                    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(p.waitFor()).as(text).isZero();
                    return text;
                }).await());
        assertThat(out.lines().toList()).containsExactly("protocol v1 " + compress, "text echo héllo", "binary 102400 True",
                "pong PONG b'p1'", "close CLOSE 4001 see you", "close_code 4001");
        assertThat(log).endsWith("closed 1000 ");
    }

    @Test
    void ourClientAgainstAiohttpServer() throws Exception {
        Assumptions.assumeTrue(hasAiohttp(), "python3 with aiohttp is not installed");
        Path py = script("aiohttp_ws_server.py");
        Process server = new ProcessBuilder("/usr/bin/python3", py.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = Integer.parseInt(lines.readLine().strip());
            List<Object> got = Asyncio.run(() -> {
                List<Object> out = new ArrayList<>();
                try (ClientSession session = new ClientSession()) {
                    ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + port + "/ws",
                            WSOptions.builder().protocols("v1", "v2").autoping(false).build()).await();
                    out.add(ws.protocol());
                    out.add(ws.connection().compressed());
                    ws.sendStr("héllo").await();
                    out.add(ws.receiveStr().await());
                    byte[] big = new byte[200_000];
                    big[199_999] = 7;
                    ws.sendBytes(big).await();
                    byte[] back = ws.receiveBytes().await();
                    out.add(back.length + " " + back[199_999]);
                    ws.ping("p2".getBytes(StandardCharsets.UTF_8)).await();
                    WSMessage pong = ws.receive().await();
                    out.add(pong.type() + " " + new String(pong.bytes(), StandardCharsets.UTF_8));
                    ws.sendStr("ping me").await();
                    WSMessage ping = ws.receive().await();
                    out.add(ping.type() + " " + new String(ping.bytes(), StandardCharsets.UTF_8));
                    ws.sendStr("bye").await();
                    WSMessage close = ws.receive().await();
                    out.add(close.type() + " " + close.code() + " " + close.extra());
                    out.add(ws.closeCode());
                }
                return out;
            });
            assertThat(got).containsExactly("v2", true, "echo héllo", "200000 7", "PONG p2", "PING srv",
                    "CLOSE 4002 py bye", 4002);
            assertThat(lines.readLine()).isEqualTo("server closed 1000");
        } finally {
            server.destroy();
        }
    }
}
