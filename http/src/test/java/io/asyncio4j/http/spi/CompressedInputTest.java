package io.asyncio4j.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompressedInputTest {
    @Test
    void readsTheQueuedArraysInOrderSkippingEmptyOnes() {
        CompressedInput in = new CompressedInput();
        assertThat(in.available()).isFalse();
        in.add(new byte[] {1, 2});
        in.add(new byte[0]);
        in.add(new byte[] {3});
        assertThat(in.available()).isTrue();
        assertThat(in.remaining()).isEqualTo(2);
        assertThat(in.next()).isEqualTo((byte) 1);
        in.consume(1);
        assertThat(in.available()).isTrue();
        assertThat(in.array()).containsExactly(3);
        assertThat(in.offset()).isZero();
        assertThat(in.next()).isEqualTo((byte) 3);
        assertThat(in.available()).isFalse();
        assertThatThrownBy(in::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("no compressed");
    }

    @Test
    void unreadGivesBackWhatACodecDidNotUse() {
        CompressedInput in = new CompressedInput();
        in.add(new byte[] {1, 2, 3, 4});
        assertThat(in.available()).isTrue();
        in.consume(in.remaining());
        in.unread(3);
        assertThat(in.offset()).isEqualTo(1);
        assertThat(in.next()).isEqualTo((byte) 2);
        assertThatThrownBy(() -> in.unread(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> in.consume(3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("consume 3 of 2 remaining bytes");
        in.clear();
        assertThat(in.available()).isFalse();
        assertThat(in.remaining()).isZero();
    }
}
