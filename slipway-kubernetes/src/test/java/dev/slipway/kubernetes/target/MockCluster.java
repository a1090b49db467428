package dev.slipway.kubernetes.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A Kubernetes API <em>mock</em> for tests: fabric8's {@code kubernetes-server-mock} in CRUD mode on a loopback port
 * (plain HTTP), no real API server. Two additions: a server-side apply of an object that does not exist yet creates
 * it (as a real API server does; the mock's CRUD answers 404), and {@link #refuse} rules that answer a request with a
 * chosen status and message, to play RBAC denials and API refusals.
 */
public final class MockCluster implements AutoCloseable {

    /** A refusal: requests whose method and path match get {@code code} with a Kubernetes Status naming {@code message}. */
    record Refusal(String method, Pattern path, int code, String reason, String message) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;

    public MockCluster() {
        final Dispatcher dispatcher = new Dispatcher();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** A client of the mock. */
    public KubernetesClient client() {
        return server.createClient();
    }

    /** The mock's URL. */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    /** Writes a kubeconfig whose context {@code context} points at the mock, and returns its path. */
    public Path kubeconfig(Path dir, String context) throws IOException {
        final Path file = dir.resolve("kubeconfig-" + context);
        Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s"}
        users:
        - name: tester
          user: {token: mock-token}
        contexts:
        - name: %s
          context: {cluster: mock, user: tester, namespace: default}
        current-context: %s
        """.formatted(url(), context, context));
        return file;
    }

    /** From now on, {@code method} requests whose path matches {@code pathRegex} are refused. */
    public void refuse(String method, String pathRegex, int code, String reason, String message) {
        refusals.add(new Refusal(method, Pattern.compile(pathRegex), code, reason, message));
    }

    /** Refusals end. */
    public void allowAll() {
        refusals.clear();
    }

    @Override
    public void close() {
        server.destroy();
    }

    private final class Dispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            for (final Refusal r : refusals) {
                if (r.method().equalsIgnoreCase(request.getMethod())
                        && r.path().matcher(request.getPath()).find()) {
                    final ObjectNode status = JSON.createObjectNode()
                            .put("kind", "Status")
                            .put("apiVersion", "v1")
                            .put("status", "Failure")
                            .put("message", r.message())
                            .put("reason", r.reason())
                            .put("code", r.code());
                    return new MockResponse().setResponseCode(r.code()).setBody(status.toString());
                }
            }
            return super.dispatch(request);
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            final String type = String.valueOf(request.getHeader("Content-Type"));
            final String path = request.getPath();
            final String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (!type.contains("apply-patch")) {
                return super.handlePatch(request);
            }
            final MockResponse existing = handleGet(plain);
            if (existing.code() == 404) {
                final String collection = plain.substring(0, plain.lastIndexOf('/'));
                return handleCreate(new RecordedRequest(
                        "HTTP/1.1",
                        HttpMethod.POST,
                        collection,
                        request.getHeaders(),
                        new Buffer(request.getBody().getBytes())));
            }
            // Slipway is the only field manager here: the applied object replaces everything but status and the
            // server's own metadata (what a server-side apply of a full object by its one manager amounts to)
            try {
                final ObjectNode live =
                        (ObjectNode) JSON.readTree(existing.getBody().getBytes());
                final ObjectNode applied =
                        (ObjectNode) JSON.readTree(request.getBody().getBytes());
                final ObjectNode meta = (ObjectNode) applied.with("metadata");
                for (final String f : List.of("resourceVersion", "uid", "creationTimestamp", "generation")) {
                    if (live.path("metadata").has(f)) {
                        meta.set(f, live.path("metadata").get(f));
                    }
                }
                if (live.has("status")) {
                    applied.set("status", live.get("status"));
                }
                return handleUpdate(new RecordedRequest(
                        "HTTP/1.1",
                        HttpMethod.PUT,
                        plain,
                        request.getHeaders(),
                        new Buffer(JSON.writeValueAsBytes(applied))));
            } catch (IOException e) {
                return new MockResponse().setResponseCode(400).setBody(e.getMessage());
            }
        }
    }
}
