package dev.slipway.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.DataType;
import dev.slipway.model.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests for {@link Frames}: the binary values exchanged with a worker round-trip, and bad frames are refused. */
class FramesTest {

    @Test
    void roundTrip_scalarsTextBytesListsMaps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("none", null);
        m.put("yes", true);
        m.put("n", 42L);
        m.put("x", 2.5);
        m.put("s", "héllo");
        m.put("list", List.of(1L, "two", List.of()));
        Object back = Frames.decode(Frames.encode(m));
        assertThat(back).isEqualTo(m);
        assertThat(((byte[]) Frames.decode(Frames.encode(new byte[] {1, 2}))).length)
                .isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void roundTrip_tensorsOfEveryType(DataType type) {
        Tensor t = switch (type.storage()) {
            case BOOL -> Tensor.ofBooleans(new boolean[] {true, false}, 1, 2);
            case INT -> Tensor.of(type, new int[] {1, 2}, 1, 2);
            case LONG -> Tensor.of(type, new long[] {1, 2}, 1, 2);
            case FLOAT -> Tensor.of(type, new float[] {1.5f, 2}, 1, 2);
            case DOUBLE -> Tensor.ofDoubles(new double[] {1.5, 2}, 1, 2);
            case BYTES -> Tensor.ofBytes(new byte[][] {{1}, {2, 3}}, 1, 2);
            case STRING -> Tensor.ofStrings(new String[] {"a", "bé"}, 1, 2);
        };
        Tensor back = (Tensor) Frames.decode(Frames.encode(t));
        assertThat(back.shape()).containsExactly(1, 2);
        if (type == DataType.FP16) {
            assertThat(back.type()).isEqualTo(DataType.FP32); // numpy float16 travels as float32
            assertThat(back.floats()).containsExactly(1.5f, 2f);
        } else if (type == DataType.BYTES) {
            assertThat(Arrays.deepEquals(back.bytes(), t.bytes())).isTrue();
        } else {
            assertThat(back).isEqualTo(t);
        }
    }

    @Test
    void decode_hostileFrames_areRefusedNotTrusted() {
        assertThatThrownBy(() -> Frames.decode(new byte[] {99})).hasMessageContaining("unknown value tag 99");
        assertThatThrownBy(() -> Frames.decode(new byte[] {7, -1, -1, -1, 127})).hasMessageContaining("count");
        assertThatThrownBy(() -> Frames.decode(new byte[] {9, 1, 1, 0, 0, 0, 0, 0, 0, 0, 64}))
                .hasMessageContaining("elements");
        assertThatThrownBy(() -> Frames.decode(new byte[] {0, 0})).hasMessageContaining("after its value");
    }
}
