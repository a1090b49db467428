package dev.slipway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for {@link PredictionClient} against a real HTTP server that records what arrives: the URLs,
 * headers and bodies must be those of Seldon's Python client.
 */
class PredictionClientTest {

    record Seen(String method, String path, String contentType, String authToken, String custom, String body) {}

    private HttpServer server;
    private final List<Seen> seen = new ArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"meta\":{},\"data\":{\"names\":[\"t:0\"],\"ndarray\":[[1.0]]}}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            synchronized (seen) {
                seen.add(new Seen(
                        ex.getRequestMethod(),
                        ex.getRequestURI().getPath(),
                        ex.getRequestHeaders().getFirst("Content-Type"),
                        ex.getRequestHeaders().getFirst("X-Auth-Token"),
                        ex.getRequestHeaders().getFirst("X-Custom"),
                        new String(in, StandardCharsets.UTF_8)));
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static Payload iris() {
        return Payload.of(Tensor.ofDoubles(new double[] {5.1, 3.5, 1.4, 0.2}, 1, 4));
    }

    @ParameterizedTest(name = "{0} ns={1} prefix={2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "AMBASSADOR, seldon, -,       /seldon/seldon/iris/api/v1.0/predictions",
                "ISTIO,      seldon, -,       /seldon/seldon/iris/api/v1.0/predictions",
                "AMBASSADOR, -,      -,       /seldon/iris/api/v1.0/predictions",
                "AMBASSADOR, seldon, /my/pre, /my/pre/api/v1.0/predictions",
                "SELDON,     seldon, -,       /api/v1.0/predictions",
            })
    void predict_postsToTheGatewaysPath(Gateway gateway, String ns, String prefix, String path) {
        PredictionClient c = new PredictionClient(ClientOptions.builder()
                .gateway(gateway)
                .gatewayEndpoint(endpoint())
                .namespace(ns)
                .deploymentName("iris")
                .gatewayPrefix(prefix)
                .payloadType(PayloadType.NDARRAY)
                .build());
        Result r = c.predict(iris(), Map.of());
        assertThat(r.success()).isTrue();
        assertThat(seen.get(0).path()).isEqualTo(path);
        assertThat(seen.get(0).contentType()).isEqualTo("application/json");
        assertThat(r.response().payload().tensor().doubles()).containsExactly(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NDARRAY  | {\"meta\":{\"tags\":{\"k\":\"v\"}},\"data\":{\"names\":[],\"ndarray\":[[5.1,3.5,1.4,0.2]]}}",
                "TENSOR   | {\"meta\":{\"tags\":{\"k\":\"v\"}},\"data\":{\"names\":[],\"tensor\":{\"shape\":[1,4],\"values\":[5.1,3.5,1.4,0.2]}}}",
                "TFTENSOR | {\"meta\":{\"tags\":{\"k\":\"v\"}},\"data\":{\"names\":[],\"tftensor\":{\"dtype\":\"DT_DOUBLE\",\"tensorShape\":{\"dim\":[{\"size\":\"1\"},{\"size\":\"4\"}]},\"tensorContent\":\"ZmZmZmZmFEAAAAAAAAAMQGZmZmZmZvY/mpmZmZmZyT8=\"}}}",
            })
    void predict_encodesEachPayloadType(PayloadType type, String body) {
        PredictionClient c = new PredictionClient(ClientOptions.builder()
                .gatewayEndpoint(endpoint())
                .namespace("seldon")
                .deploymentName("iris")
                .payloadType(type)
                .build());
        c.predict(iris(), Map.of("k", "v"));
        assertThat(seen.get(0).body()).isEqualTo(body);
    }

    @Test
    void predict_headersAndCredentials() {
        PredictionClient c = new PredictionClient(ClientOptions.builder()
                .gatewayEndpoint(endpoint())
                .namespace("n")
                .deploymentName("d")
                .header("X-Custom", "1")
                .callCredentialsToken("tok")
                .ssl(false)
                .build());
        c.predict(Payload.ofString("hello"), Map.of());
        assertThat(seen.get(0).authToken()).isEqualTo("tok");
        assertThat(seen.get(0).custom()).isEqualTo("1");
        assertThat(seen.get(0).body()).isEqualTo("{\"meta\":{},\"strData\":\"hello\"}");
    }

    @Test
    void feedback_andMicroservice() {
        PredictionClient c = new PredictionClient(ClientOptions.builder()
                .gatewayEndpoint(endpoint())
                .microserviceEndpoint(endpoint())
                .namespace("n")
                .deploymentName("d")
                .payloadType(PayloadType.NDARRAY)
                .build());
        Result p = c.predict(iris(), Map.of());
        Result f = c.feedback(SeldonMessageOf(p), p.response(), 1.0, null);
        assertThat(f.success()).isTrue();
        assertThat(seen.get(1).path()).isEqualTo("/seldon/n/d/api/v1.0/feedback");
        assertThat(seen.get(1).body())
                .startsWith("{\"request\":{\"meta\":{},\"data\":")
                .contains("\"reward\":1.0");
        c.microservice("route", c.message(iris(), Map.of()));
        assertThat(seen.get(2).path()).isEqualTo("/route");
        assertThat(seen.get(2).contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(seen.get(2).body()).startsWith("json=%7B%22meta%22");
    }

    @Test
    void failure_isNotSuccess_withCodeAndReason() {
        status = 400;
        answer =
                "{\"status\":{\"code\":400,\"info\":\"data.ndarray: bad\",\"reason\":\"MICROSERVICE_BAD_DATA\",\"status\":\"FAILURE\"},\"meta\":{}}";
        PredictionClient c = new PredictionClient(ClientOptions.builder()
                .gateway(Gateway.SELDON)
                .gatewayEndpoint(endpoint())
                .build());
        Result r = c.predict(iris(), Map.of());
        assertThat(r.success()).isFalse();
        assertThat(r.msg()).isEqualTo("400:data.ndarray: bad");
    }

    @Test
    void unreachable_isAFailureNamingTheUrl() {
        PredictionClient c = new PredictionClient(ClientOptions.builder()
                .gateway(Gateway.SELDON)
                .gatewayEndpoint("127.0.0.1:1")
                .build());
        Result r = c.predict(iris(), Map.of());
        assertThat(r.success()).isFalse();
        assertThat(r.msg()).contains("could not reach http://127.0.0.1:1/api/v1.0/predictions");
    }

    private static dev.slipway.protocol.v1.SeldonMessage SeldonMessageOf(Result r) {
        return dev.slipway.protocol.v1.SeldonMessageReader.readMessage(r.requestBody());
    }
}
