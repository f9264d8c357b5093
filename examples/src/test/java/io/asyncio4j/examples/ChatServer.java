package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Streams;
import java.util.LinkedHashSet;
import java.util.Set;

public class ChatServer {
    private final Set<StreamWriter> clients = new LinkedHashSet<>();   // used on the loop's thread only

    void handle(StreamReader reader, StreamWriter writer) {
        clients.add(writer);
        try {
            for (byte[] line : reader) {                               // async for line in reader
                for (StreamWriter other : clients) {
                    if (other != writer) other.write(line);
                }
            }
        } finally {
            clients.remove(writer);
            writer.close();
        }
    }

    public static void main(String[] args) {
        ChatServer chat = new ChatServer();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        Asyncio.run(() -> {
            Server server = Streams.startServer(chat::handle, "127.0.0.1", port).await();
            System.out.println("chat on port " + server.port());
            try {
                server.waitClosed().await();                           // serves until Ctrl-C cancels main
            } finally {
                server.close();
                server.closeClients();                                 // each handler reads end of file
                server.waitClosed().await();
            }
            return null;
        });                                                            // throws KeyboardInterrupt: exit 130
    }
}
