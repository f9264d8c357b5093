import io.asyncio4j.Asyncio;

import static io.asyncio4j.Asyncio.sleep;

/** Start-up benchmark (a): a loop, one sleep(0.01), one line; bench/startup/hello.py is its CPython twin. */
public class Hello {
    public static void main(String[] args) {
        Asyncio.run(() -> {
            sleep(0.01).await();
            System.out.println("hello");
            return null;
        });
    }
}
