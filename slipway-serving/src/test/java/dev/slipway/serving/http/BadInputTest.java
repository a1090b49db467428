package dev.slipway.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.testing.ServerExtension;
import dev.slipway.serving.testing.ServerExtension.Answer;
import dev.slipway.serving.testing.TestModels;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input over real HTTP: every case is a 4xx with a body naming the problem, and the server keeps
 * serving afterwards. A model that throws is a 500 with its message.
 */
class BadInputTest {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(
            "doubler",
            TestModels.Doubler::new,
            ServingConfig.defaults().withLimits(4096, Duration.ofSeconds(2)),
            Map.of());

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/v1.0/predictions | application/json | {\"data\": {\"ndarray\": [1, 2}       | 400 | malformed JSON",
                "/api/v1.0/predictions | application/json | {\"data\": {\"ndarray\": [[1, 2], [3]]}} | 400 | ragged array: data.ndarray[1] has 1 elements but its siblings have 2",
                "/api/v1.0/predictions | application/json | {\"data\": {\"ndarray\": \"x\"}}        | 400 | data.ndarray: expected an array but found a string",
                "/api/v1.0/predictions | application/json | {\"data\": {\"tensor\": {\"shape\": [2, 2], \"values\": [1]}}} | 400 | data.tensor: shape [2, 2] needs 4 values but 1 were given",
                "/api/v1.0/predictions | application/json | {\"meta\": {}}                          | 400 | the request has no data",
                "/api/v1.0/predictions | application/json | ''                                      | 400 | empty body",
                "/api/v1.0/predictions | application/json | {\"strData\": \"bad\"}                 | 400 | expected 4 features but got 3",
                "/api/v1.0/predictions | text/xml         | <a/>                                    | 415 | unsupported Content-Type 'text/xml'",
                "/api/v1.0/predictions | application/x-www-form-urlencoded | a=1                   | 400 | the form body has no 'json' field",
                "/api/v1.0/feedback    | application/json | {\"reward\": \"x\"}                    | 400 | reward: expected a number but found a string",
                "/aggregate            | application/json | {\"seldonMessages\": []}               | 400 | a combiner needs at least one message",
                "/v2/models/doubler/infer | application/json | {\"inputs\": [{\"name\": \"x\", \"shape\": [3], \"datatype\": \"FP32\", \"data\": [1]}]} | 400 | inputs[0] ('x'): shape [3] needs 3 elements but data has 1",
                "/v2/models/doubler/infer | text/plain    | {}                                      | 415 | unsupported Content-Type",
                "/v2/models/nope/infer | application/json | {\"inputs\": []}                        | 404 | model 'nope' not found (this server serves 'doubler')",
                "/v2/models/doubler/versions/9/infer | application/json | {}                      | 404 | has no version '9'",
                "/api/v9/predictions   | application/json | {}                                      | 404 | no such path: POST /api/v9/predictions",
                "/health/ping          | application/json | {}                                      | 405 | POST is not allowed on /health/ping (allowed: GET)",
            })
    void badInput_is4xxNamingTheProblem(String path, String type, String body, int status, String message)
            throws Exception {
        Answer a = SERVER.post(path, type, body.equals("''") ? "" : body);
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.body()).contains(message);
        if (path.startsWith("/v2")) {
            assertThat(a.body()).startsWith("{\"error\":");
        } else {
            assertThat(a.body()).contains("\"status\":{\"code\":" + status).contains("\"status\":\"FAILURE\"");
        }
        assertStillServing();
    }

    @Test
    void oversizedBody_is413_withContentLength_andChunked() throws Exception {
        String big = "{\"strData\": \"" + "x".repeat(10_000) + "\"}";
        Answer a = SERVER.post("/api/v1.0/predictions", big);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.body()).contains("larger than the limit of 4096 bytes");
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(SERVER.url("/api/v1.0/predictions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build();
        Answer c = SERVER.send(chunked);
        assertThat(c.status()).isEqualTo(413);
        assertStillServing();
    }

    @Test
    void modelThrows_is500WithItsMessage_andTheServerStaysUp() throws Exception {
        Answer a = SERVER.post("/api/v1.0/predictions", "{\"strData\": \"fail\"}");
        assertThat(a.status()).isEqualTo(500);
        assertThat(a.body())
                .contains("IllegalStateException: the model failed on purpose")
                .contains("MICROSERVICE_INTERNAL_ERROR");
        assertStillServing();
    }

    @Test
    void slowModel_is504AfterTheTimeout_andTheServerStaysUp() throws Exception {
        Answer a = SERVER.post("/api/v1.0/predictions", "{\"strData\": \"slow:4000\"}");
        assertThat(a.status()).isEqualTo(504);
        assertThat(a.body()).contains("did not answer within 2000 ms");
        assertStillServing();
    }

    private static void assertStillServing() throws Exception {
        assertThat(SERVER.post("/api/v1.0/predictions", "{\"data\": {\"ndarray\": [1]}}")
                        .status())
                .isEqualTo(200);
    }
}
