package dev.slipway.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.serving.testing.ServerExtension;
import dev.slipway.serving.testing.ServerExtension.Answer;
import dev.slipway.serving.testing.TestModels;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link V1Endpoints} over real HTTP: every path and every payload type round trip. */
class V1EndpointsTest {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(
            "doubler", TestModels.Doubler::new, dev.slipway.serving.ServingConfig.defaults(), Map.of("suffix", "!"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // request body | expected fragment of the answer
                "{\"meta\": {}, \"data\": {\"ndarray\": [[5.1, 3.5, 1.4, 0.2]]}}       | \"data\":{\"names\":[\"t:0\",\"t:1\",\"t:2\",\"t:3\"],\"ndarray\":[[10.2,7.0,2.8,0.4]]}",
                "{\"meta\": {}, \"data\": {\"ndarray\": [1, 2]}}                       | \"data\":{\"names\":[],\"ndarray\":[2.0,4.0]}",
                "{\"meta\": {}, \"data\": {\"ndarray\": [\"some text\", \"more\"]}}     | \"ndarray\":[\"txet emos!\",\"erom!\"]",
                "{\"meta\": {}, \"data\": {\"tensor\": {\"shape\": [1, 2], \"values\": [1.5, 2]}}} | \"tensor\":{\"shape\":[1,2],\"values\":[3.0,4.0]}",
                "{\"meta\": {}, \"data\": {\"tftensor\": {\"dtype\": \"DT_DOUBLE\", \"tensorShape\": {\"dim\": [{\"size\": \"1\"}]}, \"doubleVal\": [1.5]}}} | \"tftensor\":{\"dtype\":\"DT_DOUBLE\",\"tensorShape\":{\"dim\":[{\"size\":\"1\"}]},\"tensorContent\":\"AAAAAAAACEA=\"}",
                "{\"meta\": {}, \"strData\": \"hello\"}                                 | \"strData\":\"olleh!\"",
                "{\"meta\": {}, \"binData\": \"AAFoaQ==\"}                             | \"binData\":\"AAFoaQ==\"",
                "{\"jsonData\": {\"a\": [1.0, 2.0]}}                                   | \"jsonData\":{\"a\":[1.0,2.0]}",
            })
    void predictions_everyPayloadType_answersInTheRequestForm(String body, String expected) throws Exception {
        Answer a = SERVER.post("/api/v1.0/predictions", body);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains(expected);
        assertThat(a.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void predictions_generatesPuid_echoesTagsAndAddsModelTagsAndMetrics() throws Exception {
        Answer a = SERVER.post("/api/v1.0/predictions", "{\"meta\": {\"tags\": {\"k\": \"v\"}}, \"strData\": \"x\"}");
        assertThat(a.body()).matches(".*\"puid\":\"[a-z0-9]{26}\".*");
        assertThat(a.body()).contains("\"tags\":{\"k\":\"v\",\"model\":\"doubler\"}");
        assertThat(a.body()).contains("{\"key\":\"doubler_calls\",\"type\":\"COUNTER\",\"value\":1.0}");
        Answer given = SERVER.post("/api/v1.0/predictions", "{\"meta\": {\"puid\": \"mine\"}, \"strData\": \"x\"}");
        assertThat(given.body()).contains("\"puid\":\"mine\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1.0/predictions", "/api/v0.1/predictions", "/predict"})
    void predict_formEncodedJsonField_asSeldonClientMicroserviceSendsIt(String path) throws Exception {
        String form = "json=" + URLEncoder.encode("{\"strData\": \"ab\"}", StandardCharsets.UTF_8);
        Answer a = SERVER.post(path, "application/x-www-form-urlencoded", form);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("\"strData\":\"ba!\"");
    }

    @Test
    void predict_curlStyleJsonLabelledAsForm_isAccepted() throws Exception {
        Answer a = SERVER.post("/api/v1.0/predictions", "application/x-www-form-urlencoded", "{\"strData\": \"ab\"}");
        assertThat(a.body()).contains("\"strData\":\"ba!\"");
    }

    @Test
    void predict_getWithJsonQuery() throws Exception {
        String q = URLEncoder.encode("{\"strData\": \"ab\"}", StandardCharsets.UTF_8);
        Answer a = SERVER.get("/api/v1.0/predictions?json=" + q);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("\"strData\":\"ba!\"");
    }

    @Test
    void componentPaths_transformRouteAggregate() throws Exception {
        assertThat(SERVER.post("/transform-input", "{\"strData\": \"a\"}").body())
                .contains("\"strData\":\"in:a\"");
        assertThat(SERVER.post("/transform-output", "{\"strData\": \"a\"}").body())
                .contains("\"strData\":\"out:a\"");
        assertThat(SERVER.post("/route", "{\"data\": {\"ndarray\": [[3]]}}").body())
                .contains("\"ndarray\":[[1]]");
        assertThat(SERVER.post(
                                "/aggregate",
                                "{\"seldonMessages\": [{\"data\": {\"ndarray\": [1, 2]}}, {\"data\": {\"ndarray\": [3]}}]}")
                        .body())
                .contains("\"ndarray\":[6.0]");
    }

    @Test
    void feedback_asTheClientSendsIt_reachesTheModel() throws Exception {
        String body = "{\"request\": {\"meta\": {}, \"data\": {\"ndarray\": [[5.1, 3.5, 1.4, 0.2]]}},"
                + " \"response\": {\"status\": {\"code\": 200}, \"meta\": {\"puid\": \"ab12cd\", \"routing\": {\"r\": 1}},"
                + " \"data\": {\"names\": [\"t:0\"], \"ndarray\": [[0.1]]}}, \"reward\": 1.0}";
        for (String path : new String[] {"/api/v1.0/feedback", "/send-feedback"}) {
            Answer a = SERVER.post(path, body);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body())
                    .contains("\"jsonData\":{")
                    .contains("\"reward\":1.0")
                    .contains("\"routing\":{\"r\":1}");
        }
    }

    @Test
    void metadata_andHealth() throws Exception {
        Answer m = SERVER.get("/api/v1.0/metadata");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body())
                .contains("\"name\":\"doubler\"")
                .contains("\"platform\":\"test\"")
                .contains("\"custom\":{\"kind\":\"doubler\"}");
        assertThat(SERVER.get("/health/ping").body()).isEqualTo("pong");
        assertThat(SERVER.get("/health/status").body()).contains("\"strData\":\"not implemented - assuming healthy\"");
    }
}
