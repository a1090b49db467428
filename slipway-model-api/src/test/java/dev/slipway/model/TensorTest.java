package dev.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link Tensor}. */
class TensorTest {

    @Test
    void of_shapeMismatch_namesBothCounts() {
        assertThatThrownBy(() -> Tensor.ofDoubles(new double[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 4 elements but 3 were given");
    }

    @Test
    void of_negativeDimension_isRefused() {
        assertThatThrownBy(() -> Tensor.ofDoubles(new double[0], -1)).hasMessageContaining("negative");
    }

    @Test
    void of_wrongStorage_isRefused() {
        assertThatThrownBy(() -> Tensor.of(DataType.FP32, new double[] {1}, 1))
                .hasMessageContaining("FP32 is stored in float[]");
    }

    @Test
    void toDoubles_convertsEveryNumericStorage() {
        assertThat(Tensor.ofInts(new int[] {1, 2}, 2).toDoubles()).containsExactly(1.0, 2.0);
        assertThat(Tensor.ofLongs(new long[] {-3}, 1).toDoubles()).containsExactly(-3.0);
        assertThat(Tensor.ofFloats(new float[] {0.5f}, 1, 1).toDoubles()).containsExactly(0.5);
        assertThat(Tensor.ofBooleans(new boolean[] {true, false}, 2).toDoubles())
                .containsExactly(1.0, 0.0);
        assertThat(Tensor.of(DataType.UINT64, new long[] {-1L}, 1).getDouble(0)).isEqualTo(1.8446744073709552E19);
    }

    @Test
    void toDoubles_onText_isInvalidInput() {
        assertThatThrownBy(() -> Tensor.ofStrings(new String[] {"a"}, 1).toDoubles())
                .isInstanceOf(ModelException.InvalidInput.class)
                .hasMessageContaining("expected numbers")
                .hasMessageContaining("STRING[1]");
    }

    @Test
    void reshape_keepsElements() {
        Tensor t = Tensor.ofDoubles(new double[] {1, 2, 3, 4}, 4).reshape(2, 2);
        assertThat(t.shape()).containsExactly(2, 2);
        assertThat(t.rank()).isEqualTo(2);
        assertThat(t).isEqualTo(Tensor.ofDoubles(new double[] {1, 2, 3, 4}, 2, 2));
    }
}
