package dev.slipway.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.serving.testing.ServerExtension;
import dev.slipway.serving.testing.ServerExtension.Answer;
import dev.slipway.serving.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link V2Endpoints} over real HTTP. */
class V2EndpointsTest {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension("doubler", TestModels.Doubler::new);

    @RegisterExtension
    static final ServerExtension NOT_READY = new ServerExtension("late", TestModels.NeverReady::new);

    @Test
    void health_andServerMetadata() throws Exception {
        assertThat(SERVER.get("/v2/health/live").body()).isEqualTo("{\"live\":true}");
        assertThat(SERVER.get("/v2/health/ready").status()).isEqualTo(200);
        assertThat(SERVER.get("/v2").body())
                .contains("\"name\":\"slipway\"")
                .contains("\"version\":\"" + dev.slipway.serving.ModelServer.VERSION + "\"");
        // the build's version, filtered into the jar, never a constant in the code
        assertThat(dev.slipway.serving.ModelServer.VERSION).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(SERVER.get("/v2/models/doubler/ready").status()).isEqualTo(200);
        assertThat(NOT_READY.get("/v2/health/ready").status()).isEqualTo(503);
        assertThat(NOT_READY.get("/v2/models/late/ready").body()).isEqualTo("{\"ready\":false}");
        assertThat(NOT_READY.get("/ready").status()).isEqualTo(503);
    }

    @Test
    void modelMetadata_withAndWithoutVersion() throws Exception {
        Answer a = SERVER.get("/v2/models/doubler");
        assertThat(a.body())
                .isEqualTo(
                        "{\"name\":\"doubler\",\"versions\":[\"1\"],\"platform\":\"test\","
                                + "\"inputs\":[{\"name\":\"input-0\",\"datatype\":\"FP64\",\"shape\":[-1,-1]}],\"outputs\":[],\"parameters\":{\"kind\":\"doubler\"}}");
        assertThat(SERVER.get("/v2/models/doubler/versions/1").status()).isEqualTo(200);
    }

    @Test
    void infer_namesTheOutput_andHonoursRequestedOutputs() throws Exception {
        String body =
                "{\"id\": \"r1\", \"inputs\": [{\"name\": \"x\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1, 2]}]}";
        Answer a = SERVER.post("/v2/models/doubler/infer", body);
        assertThat(a.body())
                .isEqualTo(
                        "{\"model_name\":\"doubler\",\"model_version\":\"1\",\"id\":\"r1\","
                                + "\"outputs\":[{\"name\":\"output-0\",\"shape\":[1,2],\"datatype\":\"FP64\",\"data\":[2.0,4.0]}]}");
        Answer named = SERVER.post(
                "/v2/models/doubler/versions/1/infer",
                body.replace("}]}", "}], \"outputs\": [{\"name\": \"doubled\"}]}"));
        assertThat(named.body()).contains("\"name\":\"doubled\"");
    }

    @Test
    void infer_text_roundTripsAsBytes() throws Exception {
        Answer a = SERVER.post(
                "/v2/models/doubler/infer",
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"ab\"]}]}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("\"datatype\":\"BYTES\",\"data\":[\"ba\"]");
    }
}
