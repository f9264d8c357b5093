package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code await(Class)}: a checked exception can be caught around an await (issue 17, item 11); the outcome is
 * {@code await()}'s, the same object, cancellation unchanged.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CheckedAwaitTest {
    /** A checked exception nobody declares. */
    static final class SpamException extends Exception {
        private static final long serialVersionUID = 1L;

        SpamException(String msg) {
            super(msg);
        }
    }

    @Test
    void aCheckedExceptionOfToThreadIsCaughtByItsTypeAsTheSameObject() {
        Path missing = Path.of("/nonexistent-asyncio4j-dir/none.txt");
        Object caught = Asyncio.run(() -> {
            try {
                return Asyncio.toThread(() -> Files.readAllLines(missing)).await(IOException.class);
            } catch (IOException e) {   // compiles only because await(IOException.class) declares it
                return e;
            }
        });
        assertThat(caught).isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(((IOException) caught).getMessage()).contains("none.txt");
    }

    @Test
    void theVeryObjectIsThrownForACoroAFutureAndATask() {
        IOException boom = new FileNotFoundException("boom");
        List<Object> caught = run(() -> {
            List<Object> out = new ArrayList<>();
            Coro<String> coro = () -> {
                throw boom;
            };
            try {
                coro.await(IOException.class);
            } catch (IOException e) {
                out.add(e);
            }
            Future<String> f = Asyncio.getRunningLoop().createFuture();
            f.setException(boom);
            try {
                f.await(IOException.class);
            } catch (IOException e) {
                out.add(e);
            }
            Task<String> t = Asyncio.createTask(() -> {
                Asyncio.sleep(0.1).await();
                throw boom;
            });
            try {
                t.await(FileNotFoundException.class);
            } catch (FileNotFoundException e) {
                out.add(e);
            }
            try {
                Asyncio.await(coro, IOException.class);
            } catch (IOException e) {
                out.add(e);
            }
            return out;
        });
        assertThat(caught).hasSize(4).allSatisfy(e -> assertThat(e).isSameAs(boom));
    }

    @Test
    void aResultIsReturnedAsByAwait() {
        String r = run(() -> Asyncio.sleep(0.5, "ok").await(IOException.class));
        assertThat(r).isEqualTo("ok");
        String r2 = run(() -> Asyncio.createTask(() -> "t").await(IOException.class, InterruptedException.class));
        assertThat(r2).isEqualTo("t");
    }

    @Test
    void anExceptionOfAnotherTypeIsThrownAsItIsNotWrapped() {
        SpamException spam = new SpamException("spam");
        IllegalArgumentException iae = new IllegalArgumentException("iae");
        List<Throwable> caught = run(() -> {
            List<Throwable> out = new ArrayList<>();
            try {
                ((Coro<Void>) () -> {
                    throw spam;
                }).await(IOException.class);
            } catch (IOException e) {
                out.add(new AssertionError("an IOException was caught"));
            } catch (Exception e) {
                out.add(e);
            }
            try {
                ((Coro<Void>) () -> {
                    throw iae;
                }).await(IOException.class);
            } catch (IOException e) {
                out.add(new AssertionError("an IOException was caught"));
            } catch (IllegalArgumentException e) {
                out.add(e);
            }
            return out;
        });
        assertThat(caught).containsExactly(spam, iae);
    }

    @Test
    void twoDeclaredTypesEachCaughtAsTheSameObject() {
        SpamException spam = new SpamException("spam");
        IOException io = new IOException("io");
        List<Object> caught = run(() -> {
            List<Object> out = new ArrayList<>();
            for (Exception x : List.of(spam, io)) {
                try {
                    ((Coro<Void>) () -> {
                        throw x;
                    }).await(IOException.class, SpamException.class);
                } catch (IOException e) {
                    out.add("io:" + e.getMessage());
                    out.add(e);
                } catch (SpamException e) {
                    out.add("spam:" + e.getMessage());
                    out.add(e);
                }
            }
            return out;
        });
        assertThat(caught).containsExactly("spam:spam", spam, "io:io", io);
    }

    @Test
    void cancellingTheAwaitingTaskThrowsCancelledErrorAndCancelsTheAwaitedFuture() {
        List<String> log = run(() -> {
            List<String> out = new ArrayList<>();
            Future<String> inner = Asyncio.getRunningLoop().createFuture();
            Task<Void> waiter = Asyncio.createTask(() -> {
                try {
                    inner.await(IOException.class);
                    out.add("returned");
                } catch (IOException e) {
                    out.add("IOException");
                } catch (CancelledError e) {
                    out.add("CancelledError " + e.getMessage());
                    throw e;
                }
                return null;
            });
            Asyncio.sleep(0.1).await();
            waiter.cancel("stop");
            try {
                waiter.await();
            } catch (CancelledError e) {
                out.add("waiter cancelled=" + waiter.cancelled());
            }
            out.add("inner cancelled=" + inner.cancelled());
            return out;
        });
        assertThat(log).containsExactly("CancelledError stop", "waiter cancelled=true", "inner cancelled=true");
    }

    @Test
    void outsideATaskItThrowsIllegalStateExceptionAndANullClassIsRejectedAtOnce() {
        Coro<String> coro = () -> "x";
        assertThatThrownBy(() -> coro.await(IOException.class)).isInstanceOf(IllegalStateException.class);
        List<String> ran = new ArrayList<>();
        assertThatThrownBy(() -> run(() -> ((Coro<String>) () -> {
            ran.add("ran");
            return "x";
        }).await((Class<IOException>) null))).isInstanceOf(NullPointerException.class);
        assertThat(ran).isEmpty();
    }
}
