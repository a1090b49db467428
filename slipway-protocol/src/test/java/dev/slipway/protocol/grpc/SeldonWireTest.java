package dev.slipway.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Metric;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.v1.DataForm;
import dev.slipway.protocol.v1.Meta;
import dev.slipway.protocol.v1.SeldonMessageWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests for {@link SeldonWire}: on every answer of {@code SeldonProtosTest}'s table and on larger ones, it writes
 * exactly the bytes protobuf serializes the JSON route's message to, and declines what the table says the JSON route
 * must write.
 */
class SeldonWireTest {

    static Stream<Arguments> answers() {
        return SeldonProtosTest.answers();
    }

    @ParameterizedTest
    @MethodSource("answers")
    void write_everyAnswer_sameBytesAsTheJsonRoute(dev.slipway.protocol.v1.SeldonMessage answer, boolean direct) {
        final byte[] wire = SeldonWire.write(answer);
        assertThat(wire != null).as("taken directly: %s", answer).isEqualTo(direct);
        if (wire != null) {
            assertThat(wire).isEqualTo(viaJson(answer));
        }
    }

    @Test
    void write_largeTensorsAndLongStrings_needMultiByteLengths_sameBytes() {
        final double[] values = new double[3 * 4000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25 - 7;
        }
        final Tensor big = Tensor.ofDoubles(values, 3, 4000);
        final Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("long", "x".repeat(20_000));
        tags.put("list", List.of(1, "two", List.of(3.5, true), Map.of("k", -4L)));
        final Map<String, Integer> routing = new LinkedHashMap<>();
        routing.put("router", -1);
        routing.put("", 0);
        routing.put("big", Integer.MAX_VALUE);
        final List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric("c", Metric.Type.COUNTER, 0, Map.of()));
        metrics.add(new Metric("g", Metric.Type.GAUGE, -0.0, Map.of("a", "")));
        metrics.add(new Metric("t", Metric.Type.TIMER, 12.5, Map.of("é", "ü".repeat(200))));
        final Meta meta = new Meta("puid-" + "p".repeat(300), tags, routing, Map.of("model", "img:1"), metrics);
        for (DataForm form : List.of(DataForm.NDARRAY, DataForm.TENSOR, DataForm.NONE)) {
            assertSameBytes(dev.slipway.protocol.v1.SeldonMessage.of(
                    Payload.of(big).withNames(List.of("a", "", "c")), form, meta));
        }
        assertSameBytes(
                dev.slipway.protocol.v1.SeldonMessage.of(Payload.ofString("s".repeat(70_000)), DataForm.NONE, meta));
        assertSameBytes(dev.slipway.protocol.v1.SeldonMessage.of(Payload.ofBytes(new byte[0]), DataForm.NONE, meta));
        assertSameBytes(dev.slipway.protocol.v1.SeldonMessage.of(Payload.ofString(""), DataForm.NONE, Meta.EMPTY));
    }

    private static void assertSameBytes(dev.slipway.protocol.v1.SeldonMessage answer) {
        final byte[] wire = SeldonWire.write(answer);
        assertThat(wire).as("taken directly: %s", answer).isNotNull();
        assertThat(wire).isEqualTo(viaJson(answer));
    }

    /** The JSON route's answer as protobuf serializes it. */
    private static byte[] viaJson(dev.slipway.protocol.v1.SeldonMessage answer) {
        final SeldonMessage message = SeldonProtoJson.message(SeldonMessageWriter.write(answer));
        return message.toByteArray();
    }
}
