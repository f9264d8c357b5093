package io.asyncio4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import javax.management.InstanceNotFoundException;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import org.junit.jupiter.api.Test;

/** The deserialization filter: what RMI and JMX need passes, anything else and anything too big is refused. */
class ReplyFilterTest {
    static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(new ReplyFilter());
            return in.readObject();
        }
    }

    @Test
    void aStringReplyAndJmxValuesPass() throws Exception {
        assertThat(roundTrip("asyncio4j-tasks 1\n")).isEqualTo("asyncio4j-tasks 1\n");
        assertThat(roundTrip(Boolean.TRUE)).isEqualTo(true);
        assertThat(roundTrip(new ObjectName("io.asyncio4j:type=Tasks"))).isEqualTo(new ObjectName("io.asyncio4j:type=Tasks"));
    }

    @Test
    void theExceptionsOfAFailedCallPass() throws Exception {
        Object e = roundTrip(new ReflectionException(new ClassNotFoundException("io.asyncio4j.management.TaskDump")));
        assertThat(e).isInstanceOf(ReflectionException.class);
        assertThat(roundTrip(new InstanceNotFoundException("x"))).isInstanceOf(InstanceNotFoundException.class);
    }

    @Test
    void otherClassesAreRefused() {
        HashMap<String, String> map = new HashMap<>();
        map.put("a", "b");
        assertThatThrownBy(() -> roundTrip(map)).isInstanceOf(InvalidClassException.class);
        assertThatThrownBy(() -> roundTrip(new java.util.PriorityQueue<>(List.of(1)))).isInstanceOf(InvalidClassException.class);
        assertThatThrownBy(() -> roundTrip(new java.io.File("/etc/passwd"))).isInstanceOf(InvalidClassException.class);
        assertThatThrownBy(() -> roundTrip(new int[3])).isInstanceOf(InvalidClassException.class);
    }

    @Test
    void tooDeepOrTooLargeGraphsAreRefused() {
        List<Object> deep = new ArrayList<>();
        List<Object> cur = deep;
        for (int i = 0; i < 100; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        assertThatThrownBy(() -> roundTrip(deep)).isInstanceOf(InvalidClassException.class);
        assertThatThrownBy(() -> roundTrip(new byte[(int) ReplyFilter.MAX_ARRAY + 1]))
                .isInstanceOf(InvalidClassException.class);
        assertThatThrownBy(() -> roundTrip(new String[(int) ReplyFilter.MAX_ARRAY + 1]))
                .isInstanceOf(InvalidClassException.class);
    }
}
