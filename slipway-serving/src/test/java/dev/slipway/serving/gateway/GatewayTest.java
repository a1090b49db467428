package dev.slipway.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Gateway}: real HTTP through the gateway to real (small) component servers. */
class GatewayTest {

    @RegisterExtension
    final GatewayHarness harness = new GatewayHarness(2);

    private DeploymentRegistry routes() {
        return harness.routes();
    }

    private GraphRoute node(
            String ns,
            String dep,
            String predictor,
            String name,
            Set<Step> steps,
            List<GraphRoute> children,
            FakeComponent... replicas) {
        final ReplicaPool pool = routes().pool(ns, dep, predictor, name);
        for (int i = 0; i < replicas.length; i++) {
            pool.add(replicas[i].endpoint(name + "-" + i));
        }
        return new GraphRoute(name, "SKLEARN_SERVER", steps, children, pool);
    }

    private void single(String ns, String dep, FakeComponent... replicas) {
        routes().put(new DeploymentRoute(
                ns,
                dep,
                List.of(new PredictorRoute(
                        "p",
                        "",
                        100,
                        false,
                        node(ns, dep, "p", "m", Set.of(Step.PREDICT, Step.SEND_FEEDBACK), List.of(), replicas))),
                Duration.ofSeconds(5)));
    }

    private FakeComponent component(String name) throws Exception {
        return harness.component(name);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return harness.post(path, body);
    }

    private int port() {
        return harness.port();
    }

    private static JsonNode json(String body) throws Exception {
        return SeldonJson.MAPPER.readTree(body);
    }

    private static List<String> fields(JsonNode node) {
        final List<String> names = new ArrayList<>();
        final Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void predictions_exactPythonClientRequest_answersOnlySeldonMessageFields() throws Exception {
        single("seldon", "iris", component("m"));
        final String body = "{\"meta\": {\"tags\": {\"k\": \"v\"}}, \"data\": {\"ndarray\": [[5.1, 3.5, 1.4, 0.2]]}}";
        final String request = "POST /seldon/seldon/iris/api/v1.0/predictions HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port() + "\r\n"
                + "User-Agent: python-requests/2.28.1\r\n"
                + "Accept-Encoding: gzip, deflate, br\r\n"
                + "Accept: */*\r\n"
                + "Connection: keep-alive\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Content-Type: application/json\r\n\r\n" + body;
        final String raw;
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            raw = readResponse(socket.getInputStream());
        }
        assertThat(raw).startsWith("HTTP/1.1 200 OK");
        assertThat(raw.toLowerCase()).contains("content-type: application/json");
        final JsonNode answer = json(raw.substring(raw.indexOf("\r\n\r\n") + 4));
        assertThat(fields(answer)).containsExactlyInAnyOrder("data", "meta");
        assertThat(fields(answer.get("meta"))).containsExactlyInAnyOrder("puid", "tags", "requestPath");
        assertThat(answer.get("meta").get("puid").asText()).isNotBlank();
        assertThat(answer.get("meta").get("tags")).isEqualTo(json("{\"k\":\"v\",\"servedBy\":\"m\"}"));
        assertThat(answer.get("meta").get("requestPath")).isEqualTo(json("{\"m\":\"SKLEARN_SERVER\"}"));
        assertThat(answer.get("data").get("ndarray")).isEqualTo(json("[[\"m\"]]"));
    }

    @Test
    void predictions_jdkClientWithItsDefaultHttp2Upgrade_isAnsweredOverHttp11() throws Exception {
        single("seldon", "iris", component("m"));
        // java.net.http's default (HTTP/2: an h2c upgrade on http://) hung on larger answers against Vert.x; the
        // gateway
        // declines the upgrade, so the wait is bounded here, not by the client (whose own timeout did not fire)
        final HttpResponse<String> r = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port() + "/seldon/seldon/iris/api/v1.0/predictions"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"data\": {\"ndarray\": [[1.0]]}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void predictions_slipwayServerAnswer_getsRequestPathSplicedIntoItsMeta() throws Exception {
        final FakeComponent m = component("m");
        single("seldon", "iris", m);
        m.slipwayAnswer =
                "{\"meta\":{\"puid\":\"p1\",\"tags\":{\"k\":\"v\"}},\"data\":{\"names\":[],\"ndarray\":[1.5]}}";
        final HttpResponse<String> r = post("/seldon/seldon/iris/api/v1.0/predictions", "{\"data\":{\"ndarray\":[1]}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(
                        "{\"meta\":{\"requestPath\":{\"m\":\"SKLEARN_SERVER\"},\"puid\":\"p1\",\"tags\":{\"k\":\"v\"}},"
                                + "\"data\":{\"names\":[],\"ndarray\":[1.5]}}");
        m.slipwayAnswer = "{\"meta\":{},\"strData\":\"x\"}";
        assertThat(post("/seldon/iris/api/v1.0/predictions", "{}").statusCode()).isEqualTo(404);
        final HttpResponse<String> empty = post("/seldon/seldon/iris/api/v1.0/predictions", "{\"strData\":\"x\"}");
        assertThat(empty.body()).isEqualTo("{\"meta\":{\"requestPath\":{\"m\":\"SKLEARN_SERVER\"}},\"strData\":\"x\"}");
        assertThat(json(empty.body()).get("meta").get("requestPath").get("m").asText())
                .isEqualTo("SKLEARN_SERVER");
    }

    @Test
    void predictions_slipwayAnswerNotMetaFirst_isParsedAndCleaned() throws Exception {
        final FakeComponent m = component("m");
        single("seldon", "iris", m);
        m.slipwayAnswer = "{\"data\":{\"ndarray\":[2]},\"extra\":1,\"meta\":{\"puid\":\"p2\",\"junk\":1}}";
        final JsonNode answer = json(post("/seldon/seldon/iris/api/v1.0/predictions", "{\"data\":{\"ndarray\":[1]}}")
                .body());
        assertThat(fields(answer)).containsExactlyInAnyOrder("data", "meta");
        assertThat(fields(answer.get("meta"))).containsExactlyInAnyOrder("puid", "requestPath");
        assertThat(answer.get("meta").get("puid").asText()).isEqualTo("p2");
    }

    private static String readResponse(InputStream in) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] buf = new byte[4096];
        int contentLength = -1;
        int headerEnd = -1;
        while (true) {
            final int n = in.read(buf);
            if (n < 0) {
                break;
            }
            bytes.write(buf, 0, n);
            final String text = bytes.toString(StandardCharsets.UTF_8);
            if (headerEnd < 0 && text.contains("\r\n\r\n")) {
                headerEnd = text.indexOf("\r\n\r\n") + 4;
                for (final String line : text.substring(0, headerEnd).split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).trim());
                    }
                }
            }
            if (headerEnd >= 0 && contentLength >= 0 && bytes.size() >= headerEnd + contentLength) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{2} {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // namespace | replicas | path                   | body                       | status | JSON pointer |
                // value
                "default | 1 | /seldon/iris/api/v1.0/predictions    | {\"data\":{\"ndarray\":[[1]]}} | 200 | /data/ndarray/0/0 | m",
                "ns      | 0 | /seldon/ns/iris/api/v1.0/predictions | {\"data\":{\"ndarray\":[[1]]}} | 503 | /status/reason    | NO_READY_REPLICA",
                "ns      | 1 | /seldon/ns/iris/api/v1.0/predictions | {\"data\":                     | 400 | /status/info      | m: not JSON",
                "ns      | 1 | /seldon/ns/iris/v2/models/m/infer    | {\"inputs\":[]}                | 200 | /model_name       | m",
                "default | 1 | /seldon/iris/v2/models/m/infer       | {\"inputs\":[]}                | 200 | /model_name       | m",
            })
    void oneNodeDeployment_answers(
            String namespace, int replicas, String path, String body, int status, String pointer, String value)
            throws Exception {
        single(namespace, "iris", replicas == 0 ? new FakeComponent[0] : new FakeComponent[] {component("m")});
        final HttpResponse<String> r = post(path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r.body()).at(pointer).asText()).isEqualTo(value);
    }

    @Test
    void predictions_unknownDeployment_is404InSeldonShape() throws Exception {
        final HttpResponse<String> r = post("/seldon/ns/nope/api/v1.0/predictions", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        final JsonNode status = json(r.body()).get("status");
        assertThat(status.get("code").asInt()).isEqualTo(404);
        assertThat(status.get("status").asText()).isEqualTo("FAILURE");
        assertThat(status.get("info").asText()).contains("no deployment 'nope' in namespace 'ns'");
    }

    @Test
    void predictions_invalidJsonToAGraph_is400NamingThePosition() throws Exception {
        final GraphRoute child = node("ns", "graph", "p", "m", Set.of(Step.PREDICT), List.of(), component("m"));
        final GraphRoute root =
                node("ns", "graph", "p", "t", Set.of(Step.TRANSFORM_INPUT), List.of(child), component("t"));
        routes().put(new DeploymentRoute(
                "ns", "graph", List.of(new PredictorRoute("p", "", 100, false, root)), Duration.ofSeconds(5)));
        final HttpResponse<String> r = post("/seldon/ns/graph/api/v1.0/predictions", "{\"data\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).at("/status/info").asText()).contains("invalid JSON at line 1");
    }

    /** Deploys ns/iris over a live component and a replica whose port nothing listens on; the live one. */
    private FakeComponent liveAndDeadReplicas() throws Exception {
        final int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        final FakeComponent live = component("m");
        single("ns", "iris", live);
        routes().pool("ns", "iris", "p", "m").add(new ReplicaAddress("dead", "127.0.0.1", deadPort));
        return live;
    }

    @Test
    void predictions_deadReplica_isRetriedOnAnother() throws Exception {
        final FakeComponent live = liveAndDeadReplicas();
        for (int i = 0; i < 20; i++) {
            assertThat(post("/seldon/ns/iris/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}")
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(live.predictions.get()).isEqualTo(20);
    }

    @Test
    void feedback_toADeadReplica_isNeverRetried_soARewardIsAppliedAtMostOnce() throws Exception {
        final FakeComponent live = liveAndDeadReplicas();
        final List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(
                    post("/seldon/ns/iris/api/v1.0/feedback", "{\"reward\": 1}").statusCode());
        }
        // round robin alternates the two replicas: the dead one's turns fail (502) instead of moving on
        assertThat(statuses).containsOnly(200, 502).contains(502);
        assertThat(live.calls.stream().filter(c -> c.contains("send-feedback")).count())
                .isEqualTo(statuses.stream().filter(s -> s == 200).count());
    }

    @Test
    void predictions_roundRobinsOverReplicas() throws Exception {
        final FakeComponent a = component("m");
        final FakeComponent b = component("m");
        single("ns", "iris", a, b);
        for (int i = 0; i < 10; i++) {
            post("/seldon/ns/iris/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}");
        }
        assertThat(a.predictions.get()).isEqualTo(5);
        assertThat(b.predictions.get()).isEqualTo(5);
    }

    @Test
    void predictions_slowerThanRestTimeout_is504() throws Exception {
        final FakeComponent slow = component("m");
        slow.delayMillis = 3000;
        routes().put(new DeploymentRoute(
                "ns",
                "slow",
                List.of(new PredictorRoute(
                        "p", "", 100, false, node("ns", "slow", "p", "m", Set.of(Step.PREDICT), List.of(), slow))),
                Duration.ofMillis(200)));
        final HttpResponse<String> r = post("/seldon/ns/slow/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}");
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(json(r.body()).at("/status/status").asText()).isEqualTo("FAILURE");
    }

    @Test
    void predictions_componentError_passesStatusAndSeldonBodyThrough() throws Exception {
        final FakeComponent bad = component("m");
        bad.status = 400;
        single("ns", "bad", bad);
        final HttpResponse<String> r = post("/seldon/ns/bad/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}");
        assertThat(r.statusCode()).isEqualTo(400);
        final JsonNode body = json(r.body());
        assertThat(fields(body)).containsExactly("status");
        assertThat(body.at("/status/info").asText()).isEqualTo("m failed");
    }

    @Test
    void feedback_reachesTheModelAndAnswersItsReply() throws Exception {
        final FakeComponent m = component("m");
        single("ns", "iris", m);
        final HttpResponse<String> r = post(
                "/seldon/ns/iris/api/v1.0/feedback",
                "{\"request\":{\"data\":{\"ndarray\":[[1]]}},\"response\":{\"meta\":{\"requestPath\":{\"m\":\"x\"}},"
                        + "\"data\":{\"ndarray\":[[1]]}},\"reward\":1.0}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).at("/data/ndarray/0").asText()).isEqualTo("m thanks");
        assertThat(m.calls).containsExactly("/send-feedback");
    }

    @Test
    void metadata_collectsEveryNode() throws Exception {
        single("ns", "iris", component("m"));
        final HttpResponse<String> r = harness.get("/seldon/ns/iris/api/v1.0/metadata");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).get("name").asText()).isEqualTo("p");
        assertThat(json(r.body()).at("/models/m/name").asText()).isEqualTo("m");
    }

    @Test
    void prometheus_exposesSeldonExecutorHistograms() throws Exception {
        single("ns", "iris", component("m"));
        post("/seldon/ns/iris/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}");
        final String text = harness.get("/prometheus").body();
        assertThat(text)
                .contains("seldon_api_executor_server_requests_seconds_bucket{")
                .contains("seldon_api_executor_client_requests_seconds_count{");
        assertThat(text)
                .containsPattern(
                        "seldon_api_executor_server_requests_seconds_count\\{[^}]*code=\"200\""
                                + "[^}]*deployment_name=\"iris\"[^}]*method=\"POST\"[^}]*predictor_name=\"p\"[^}]*service=\"predictions\"");
    }

    @Test
    void unknownPath_is404InSeldonShapeNamingIt() throws Exception {
        final HttpResponse<String> r = post("/seldon/ns/iris/api/v1.0/nothing", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r.body()).at("/status/info").asText())
                .isEqualTo("no gateway route for POST /seldon/ns/iris/api/v1.0/nothing");
    }

    @Test
    void wrongMethod_is405WithAllow() throws Exception {
        final HttpResponse<String> r =
                harness.send(HttpRequest.newBuilder(harness.uri("/seldon/ns/iris/api/v1.0/predictions")));
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(r.body()).at("/status/reason").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void chunkedBodyOverTheLimit_is413AndTheGatewayKeepsServing() throws Exception {
        single("ns", "iris", component("m"));
        // no Content-Length: the limit is enforced while reading (the fast path leaves such bodies to the routes)
        final byte[] chunk = new byte[1024 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        final Iterator<byte[]> chunks = java.util.stream.Stream.generate(() -> chunk)
                .limit(Gateway.MAX_BODY_BYTES / chunk.length + 2)
                .iterator();
        final HttpRequest.Builder big = HttpRequest.newBuilder(harness.uri("/seldon/ns/iris/api/v1.0/predictions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.SequenceInputStream(new java.util.Enumeration<java.io.InputStream>() {
                            @Override
                            public boolean hasMoreElements() {
                                return chunks.hasNext();
                            }

                            @Override
                            public java.io.InputStream nextElement() {
                                return new java.io.ByteArrayInputStream(chunks.next());
                            }
                        })));
        int status;
        try {
            status = harness.send(big).statusCode();
        } catch (java.io.IOException e) {
            status = 413; // the gateway answered and closed while the client was still sending: the JDK reports the
            // reset
        }
        assertThat(status).isEqualTo(413);
        assertThat(post("/seldon/ns/iris/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}")
                        .statusCode())
                .isEqualTo(200);
    }

    private String scrape() throws Exception {
        return harness.get("/metrics").body();
    }

    @Test
    void metrics_labelTheNamespace_soOneNameInTwoEnvironmentsIsTwoSeries() throws Exception {
        single("staging", "news", component("m"));
        single("production", "news", component("m"));
        post("/seldon/staging/news/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}");
        post("/seldon/production/news/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}");
        post("/seldon/production/news/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}");
        final String text = scrape();
        assertThat(text)
                .containsPattern("seldon_api_executor_server_requests_seconds_count\\{code=\"200\","
                        + "deployment_name=\"news\",method=\"POST\",namespace=\"staging\",[^}]*} 1");
        assertThat(text)
                .containsPattern("seldon_api_executor_server_requests_seconds_count\\{code=\"200\","
                        + "deployment_name=\"news\",method=\"POST\",namespace=\"production\",[^}]*} 2");
        assertThat(text)
                .containsPattern(
                        "seldon_api_executor_client_requests_seconds_count\\{[^}]*namespace=\"production\"[^}]*} 2");
    }

    @Test
    void metrics_requestsForUnknownDeployments_addNoSeriesNamedAfterThePath() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post("/seldon/scan" + i + "/probe" + i + "/api/v1.0/predictions", "{}")
                            .statusCode())
                    .isEqualTo(404);
        }
        final String text = scrape();
        assertThat(text).doesNotContain("scan").doesNotContain("probe");
        assertThat(text)
                .containsPattern("seldon_api_executor_server_requests_seconds_count\\{code=\"404\","
                        + "deployment_name=\"\",[^}]*namespace=\"\",[^}]*} 5");
    }

    @Test
    void metrics_v2WithAnyHttpMethod_labelNonStandardMethodsOther() throws Exception {
        single("ns", "iris", component("m"));
        for (int i = 0; i < 3; i++) {
            harness.send(HttpRequest.newBuilder(harness.uri("/seldon/ns/iris/v2/models/m"))
                    .method("SCAN" + i, HttpRequest.BodyPublishers.noBody()));
        }
        final String text = scrape();
        assertThat(text).doesNotContain("SCAN");
        assertThat(text)
                .containsPattern("seldon_api_executor_server_requests_seconds_count\\{[^}]*method=\"OTHER\""
                        + "[^}]*service=\"v2\"[^}]*} 3");
    }

    @Test
    void metrics_passPromtoolCheckMetrics() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.slipway.testing.Promtool.available(),
                "promtool is not installed (Debian package prometheus; .ci/run installs it)");
        single("ns", "iris", component("m"));
        post("/seldon/ns/iris/api/v1.0/predictions", "{\"data\":{\"ndarray\":[[1]]}}");
        post("/seldon/ns/iris/api/v1.0/feedback", "{\"reward\":1}");
        final dev.slipway.testing.Promtool.Check check = dev.slipway.testing.Promtool.checkMetrics(scrape());
        assertThat(check.clean())
                .as("promtool check metrics: exit %d, %s", check.exitCode(), check.output())
                .isTrue();
    }
}
