package dev.slipway.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.grpc.seldon.Meta;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests for {@link RequestPaths}: appending the entry's bytes equals setting it on the parsed message. */
class RequestPathsTest {

    @Test
    void append_isTheSameAsSettingTheEntry_keepingEverythingElse() throws Exception {
        final SeldonMessage answer = SeldonMessage.newBuilder()
                .setMeta(Meta.newBuilder()
                        .setPuid("p1")
                        .putTags(
                                "a",
                                com.google.protobuf.Value.newBuilder()
                                        .setStringValue("b")
                                        .build()))
                .setStrData("out")
                .build();
        final GraphRoute node =
                new GraphRoute("clf", "SKLEARN_SERVER", Set.of(Step.PREDICT), List.of(), new ReplicaPool("clf"));
        final SeldonMessage appended = SeldonMessage.parseFrom(
                RequestPaths.append(Buffer.buffer(answer.toByteArray()), node).getBytes());
        assertThat(appended)
                .isEqualTo(answer.toBuilder()
                        .setMeta(answer.getMeta().toBuilder().putRequestPath("clf", "SKLEARN_SERVER"))
                        .build());
    }
}
