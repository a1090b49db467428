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
        // lengths past one varint byte, and text beyond ASCII, in the directly written bytes
        for (String[] nameImage : List.of(
                new String[] {"clf", "SKLEARN_SERVER"},
                new String[] {"n".repeat(200), "registry.example/é/" + "i".repeat(300) + ":1"})) {
            final GraphRoute node =
                    new GraphRoute(nameImage[0], nameImage[1], Set.of(Step.PREDICT), List.of(), new ReplicaPool("clf"));
            final SeldonMessage appended =
                    SeldonMessage.parseFrom(RequestPaths.append(Buffer.buffer(answer.toByteArray()), node)
                            .getBytes());
            assertThat(appended)
                    .isEqualTo(answer.toBuilder()
                            .setMeta(answer.getMeta().toBuilder().putRequestPath(nameImage[0], nameImage[1]))
                            .build());
        }
    }
}
