package dev.slipway.gitops.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs declarative cases against the gateway; prints one PASS/FAIL line per case. */
final class CaseRunner {

    private final String gateway;
    private final String defaultNamespace;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = Mappers.json(Limits.PAYLOAD);
    private final CaseTransport grpc;

    /** @param grpc sends {@code transport: grpc} cases, or null when there is no gRPC client (such cases fail) */
    CaseRunner(String gateway, String defaultNamespace, PrintStream out, CaseTransport grpc) {
        this.gateway = gateway;
        this.defaultNamespace = defaultNamespace;
        this.out = out;
        this.grpc = grpc;
    }

    /** Runs every case; returns how many failed. */
    int run(List<TestCase> cases, Duration perCase) throws InterruptedException {
        int failed = 0;
        for (final TestCase c : cases) {
            final Optional<String> problem = runOne(c, perCase);
            if (problem.isEmpty()) {
                out.println("PASS " + c.name());
            } else {
                failed++;
                out.println("FAIL " + c.name() + ": " + problem.get());
            }
        }
        out.println(cases.size() - failed + "/" + cases.size() + " cases passed");
        return failed;
    }

    private Optional<String> runOne(TestCase c, Duration timeout) throws InterruptedException {
        final String ns = c.namespace() == null ? defaultNamespace : c.namespace();
        final URI uri =
                URI.create("http://" + gateway + "/seldon/" + ns + "/" + c.deployment() + "/api/v1.0/predictions");
        try {
            final CaseTransport.Answer response;
            if (c.transport().equals("grpc")) {
                if (grpc == null) {
                    return Optional.of("transport grpc: no gRPC client here");
                }
                response = grpc.predict(gateway, ns, c.deployment(), json.writeValueAsString(c.request()), timeout);
            } else {
                final HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(timeout)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(c.request())))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                response = new CaseTransport.Answer(r.statusCode(), r.body());
            }
            if (response.status() != c.status()) {
                return Optional.of("expected " + (c.transport().equals("grpc") ? "(gRPC as HTTP) " : "HTTP ")
                        + c.status() + ", got " + response.status() + ": " + response.body());
            }
            if (c.expect() == null) {
                return Optional.empty();
            }
            final JsonNode answer = json.readTree(response.body());
            return new SubsetMatcher(c.tolerance()).mismatch(c.expect(), answer);
        } catch (IOException e) {
            return Optional.of(
                    "request to " + (c.transport().equals("grpc") ? "gRPC " + gateway : uri) + " failed: " + e);
        }
    }
}
