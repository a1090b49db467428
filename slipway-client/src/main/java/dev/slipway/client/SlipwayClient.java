package dev.slipway.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.api.ApiError;
import dev.slipway.api.ArtifactInfo;
import dev.slipway.api.ArtifactList;
import dev.slipway.api.ArtifactPublished;
import dev.slipway.api.ChangeResult;
import dev.slipway.api.Deployment;
import dev.slipway.api.DeploymentChange;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.LogQuery;
import dev.slipway.api.Poller;
import dev.slipway.api.Promotion;
import dev.slipway.api.Refreshing;
import dev.slipway.api.Repository;
import dev.slipway.api.Review;
import dev.slipway.api.RollbackRequest;
import dev.slipway.api.Run;
import dev.slipway.api.RunCancellation;
import dev.slipway.api.RunOfToken;
import dev.slipway.api.RunSubmission;
import dev.slipway.api.RunSummary;
import dev.slipway.api.ScrapeTargets;
import dev.slipway.api.ServerList;
import dev.slipway.api.ServerRegistration;
import dev.slipway.api.ServerReport;
import dev.slipway.api.SyncRequest;
import dev.slipway.api.WhoAmI;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed client of the control plane's REST API ({@code slipway up}): one method per route, answers as the
 * {@code dev.slipway.api} records the server writes. A 4xx or 5xx answer, or no answer, is a {@link SlipwayException}
 * with the server's {@link ApiError}. HTTP/1.1 only (as the server speaks); a token, when given, is sent as
 * {@code Authorization: Bearer TOKEN} on every call.
 */
public final class SlipwayClient {

    private static final Logger LOG = LoggerFactory.getLogger(SlipwayClient.class);

    /** The default API address of {@code slipway up}. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json;

    /**
     * @param server the API's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param token a bearer token (a user's or a pipeline run's), or null for none
     */
    public SlipwayClient(String server, String token) {
        final String s = Objects.requireNonNull(server, "server").strip();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.json = mapper();
    }

    private SlipwayClient(SlipwayClient from, String token) {
        this.base = from.base;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = from.http;
        this.json = from.json;
    }

    /**
     * A client of the same API that sends {@code token} instead (null: none), sharing this one's connections: a server
     * that calls the API on behalf of many users (the web console) keeps one client and one per user from it.
     */
    public SlipwayClient withToken(String token) {
        return new SlipwayClient(this, token);
    }

    /** The mapper this client reads and writes the records with (the shared limits, ISO-8601 times; unknown fields ignored). */
    public static JsonMapper mapper() {
        return Mappers.json()
                .rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The API's base URL. */
    public String url() {
        return base;
    }

    // ---- deployments

    /** {@code GET /api/v1/deployments}, or {@code /api/v1/namespaces/{ns}/deployments} when {@code namespace} is set. */
    public List<Deployment> deployments(String namespace) {
        return get(
                namespace == null ? "/api/v1/deployments" : "/api/v1/namespaces/" + enc(namespace) + "/deployments",
                new TypeReference<List<Deployment>>() {});
    }

    /** {@code GET /api/v1/namespaces/{ns}/deployments/{name}}. */
    public Deployment deployment(String namespace, String name) {
        return get(deploymentPath(namespace, name), Deployment.class);
    }

    /** {@code PUT …/deployments/{name}} of a manifest (JSON or YAML): accepted, the rollout goes on in the server. */
    public DeploymentChange apply(String namespace, String name, String manifest) {
        return call("PUT", deploymentPath(namespace, name), manifest, DEFAULT_TIMEOUT, type(DeploymentChange.class));
    }

    /** {@code PUT …/deployments/{name}?wait=true}: the status once every replica is ready (409 when the rollout fails). */
    public Deployment applyAndWait(String namespace, String name, String manifest, Duration timeout) {
        return call("PUT", deploymentPath(namespace, name) + "?wait=true", manifest, timeout, type(Deployment.class));
    }

    /** {@code DELETE …/deployments/{name}?wait=true}: returns once it is drained and stopped (404 when unknown). */
    public DeploymentChange delete(String namespace, String name, Duration timeout) {
        return call(
                "DELETE", deploymentPath(namespace, name) + "?wait=true", null, timeout, type(DeploymentChange.class));
    }

    /**
     * {@code PUT …/deployments/{name}[?wait=true][&force=true]}: {@code force} also changes a deployment a GitOps
     * environment manages (refused with 409 otherwise); {@code wait} answers once every replica is ready.
     */
    public DeploymentChange apply(String namespace, String name, String manifest, boolean force) {
        return call(
                "PUT",
                deploymentPath(namespace, name) + (force ? "?force=true" : ""),
                manifest,
                DEFAULT_TIMEOUT,
                type(DeploymentChange.class));
    }

    /** {@link #applyAndWait(String, String, String, Duration)} that may change a GitOps-managed deployment. */
    public Deployment applyAndWait(String namespace, String name, String manifest, Duration timeout, boolean force) {
        return call(
                "PUT",
                deploymentPath(namespace, name) + "?wait=true" + (force ? "&force=true" : ""),
                manifest,
                timeout,
                type(Deployment.class));
    }

    /** {@link #delete(String, String, Duration)} that may delete a GitOps-managed deployment. */
    public DeploymentChange delete(String namespace, String name, Duration timeout, boolean force) {
        return call(
                "DELETE",
                deploymentPath(namespace, name) + "?wait=true" + (force ? "&force=true" : ""),
                null,
                timeout,
                type(DeploymentChange.class));
    }

    // ---- hosted repositories and pipeline runs

    /** {@code GET /api/v1/repositories}. */
    public List<Repository> repositories() {
        return get("/api/v1/repositories", new TypeReference<List<Repository>>() {});
    }

    /** {@code POST /api/v1/repositories}: a new empty hosted repository (409 when it exists). */
    public Repository createRepository(String name) {
        return post("/api/v1/repositories", Repository.named(name), Repository.class);
    }

    /** {@code GET /api/v1/pipelines/runs}: every run, newest first. */
    public List<RunSummary> runs() {
        return get("/api/v1/pipelines/runs", new TypeReference<List<RunSummary>>() {});
    }

    /** {@code GET /api/v1/pipelines/runs?repository=&branch=&state=&commit=}: the runs the filter passes, newest first. */
    public List<RunSummary> runs(dev.slipway.api.RunFilter filter) {
        return runs(filter, null);
    }

    /** As above, at most the newest {@code limit} of them (null: all). */
    public List<RunSummary> runs(dev.slipway.api.RunFilter filter, Integer limit) {
        final StringBuilder q = new StringBuilder();
        param(q, "repository", filter.repository());
        param(q, "branch", filter.branch());
        param(q, "state", filter.state());
        param(q, "commit", filter.commit());
        param(q, "limit", limit == null ? null : limit.toString());
        return get("/api/v1/pipelines/runs" + q, new TypeReference<List<RunSummary>>() {});
    }

    /** {@code GET /api/v1/pipelines/runs/{id}} ({@code id} or a unique prefix). */
    public Run run(String id) {
        return get(runPath(id), Run.class);
    }

    /** {@code GET /api/v1/pipelines/runs/{id}} as the server stores it (masked JSON, the resolved pipeline included). */
    public String runRecord(String id) {
        return new String(bytes("GET", runPath(id), DEFAULT_TIMEOUT), StandardCharsets.UTF_8);
    }

    /** {@code GET /api/v1/pipelines/runs/{id}/log}: the run's log so far (secrets masked). */
    public byte[] runLog(String id) {
        return bytes("GET", runPath(id) + "/log", DEFAULT_TIMEOUT);
    }

    /** {@code POST /api/v1/pipelines/runs/{id}/cancel} (409 when the run has ended). */
    public RunCancellation cancelRun(String id) {
        return call("POST", runPath(id) + "/cancel", null, DEFAULT_TIMEOUT, type(RunCancellation.class));
    }

    /** {@code POST /api/v1/pipelines/runs}: queues a run. */
    public RunSummary submitRun(RunSubmission submission) {
        return post("/api/v1/pipelines/runs", submission, RunSummary.class);
    }

    /** {@code GET /api/v1/pipelines/pollers}. */
    public List<Poller> pollers() {
        return get("/api/v1/pipelines/pollers", new TypeReference<List<Poller>>() {});
    }

    /** {@code POST /api/v1/pipelines/pollers}: polls {@code remote} every {@code interval} (e.g. {@code 60s}). */
    public List<Poller> addPoller(String remote, String interval) {
        return call(
                "POST",
                "/api/v1/pipelines/pollers",
                write(Poller.of(remote, interval)),
                DEFAULT_TIMEOUT,
                json.getTypeFactory().constructType(new TypeReference<List<Poller>>() {}));
    }

    /** {@code DELETE /api/v1/pipelines/pollers?remote=URL} (404 when it is not polled). */
    public List<Poller> removePoller(String remote) {
        return call(
                "DELETE",
                "/api/v1/pipelines/pollers?remote=" + enc(remote),
                null,
                DEFAULT_TIMEOUT,
                json.getTypeFactory().constructType(new TypeReference<List<Poller>>() {}));
    }

    /** {@code GET /api/v1/pipelines/token}: the run this client's (run-scoped) token belongs to. */
    public RunOfToken runOfToken() {
        return get("/api/v1/pipelines/token", RunOfToken.class);
    }

    /**
     * {@code GET /api/v1/prometheus/targets}: every address Prometheus should scrape (replicas, gateway, API), in its HTTP
     * service-discovery format.
     */
    public List<ScrapeTargets> prometheusTargets() {
        return get("/api/v1/prometheus/targets", new TypeReference<List<ScrapeTargets>>() {});
    }

    /** {@code GET /api/v1/whoami}: the user and role of this client's token (none without {@code up --auth}). */
    public WhoAmI whoami() {
        return get("/api/v1/whoami", WhoAmI.class);
    }

    // ---- environments and promotions

    /** {@code GET /api/v1/environments}. */
    public List<EnvironmentStatus> environments() {
        return get("/api/v1/environments", new TypeReference<List<EnvironmentStatus>>() {});
    }

    /** {@code GET /api/v1/environments/{env}}. */
    public EnvironmentStatus environment(String env) {
        return get("/api/v1/environments/" + enc(env), EnvironmentStatus.class);
    }

    /** {@code GET /api/v1/environments/{env}/applications/{app}/spec}: what the application's manifest asks for. */
    public dev.slipway.api.ApplicationSpec applicationSpec(String env, String app) {
        return get(
                "/api/v1/environments/" + enc(env) + "/applications/" + enc(app) + "/spec",
                dev.slipway.api.ApplicationSpec.class);
    }

    /** {@code GET /api/v1/environments/{env}/history}: the folder's changes on main, newest first. */
    public List<HistoryEntry> history(String env) {
        return get("/api/v1/environments/" + enc(env) + "/history", new TypeReference<List<HistoryEntry>>() {});
    }

    /** {@code GET /api/v1/environments/{env}/history?application=APP}: one application's changes, newest first. */
    public List<HistoryEntry> history(String env, String application) {
        return get(
                "/api/v1/environments/" + enc(env) + "/history"
                        + (application == null ? "" : "?application=" + enc(application)),
                new TypeReference<List<HistoryEntry>>() {});
    }

    /** {@code POST /api/v1/environments/{env}/rollback} (needs the approver role with {@code up --auth}). */
    public ChangeResult rollback(String env, String to, String user) {
        return rollback(env, new RollbackRequest(to, user));
    }

    /** {@code POST /api/v1/environments/{env}/rollback}: one application, a dry run, or all of it ({@code all}). */
    public ChangeResult rollback(String env, RollbackRequest request) {
        return post("/api/v1/environments/" + enc(env) + "/rollback", request, ChangeResult.class);
    }

    /** {@code POST /api/v1/environments/{env}/sync}: reconciles now; the status after that pass. */
    public EnvironmentStatus sync(String env, String application) {
        return post(
                "/api/v1/environments/" + enc(env) + "/sync", new SyncRequest(application), EnvironmentStatus.class);
    }

    /** {@code POST /api/v1/gitops/refresh}: the sync controller reconciles now. */
    public Refreshing refresh() {
        return call("POST", "/api/v1/gitops/refresh", null, DEFAULT_TIMEOUT, type(Refreshing.class));
    }

    /** {@code GET /api/v1/promotions?env=&state=} (either may be null), newest first. */
    public List<Promotion> promotions(String env, String state) {
        return get(
                "/api/v1/promotions?env=" + enc(env == null ? "" : env) + "&state=" + enc(state == null ? "" : state),
                new TypeReference<List<Promotion>>() {});
    }

    /** {@code GET /api/v1/promotions/{id}}: the request with its diff. */
    public Promotion promotion(String id) {
        return get("/api/v1/promotions/" + enc(id), Promotion.class);
    }

    /** {@code POST /api/v1/promotions/{id}/approve}: approves and merges (403 for the author: four eyes). */
    public Promotion approve(String id, String user) {
        return call(
                "POST",
                "/api/v1/promotions/" + enc(id) + "/approve",
                write(new Review(user, null)),
                Duration.ofMinutes(2),
                type(Promotion.class));
    }

    /** {@code POST /api/v1/promotions/{id}/reject} with a reason. */
    public Promotion reject(String id, String user, String reason) {
        return post("/api/v1/promotions/" + enc(id) + "/reject", new Review(user, reason), Promotion.class);
    }

    // ---- custom servers and artifacts

    /** {@code GET /api/v1/servers} ({@code usage}: with each server's versions and users). */
    public ServerList servers(boolean usage) {
        return get("/api/v1/servers" + (usage ? "?usage=true" : ""), ServerList.class);
    }

    /** {@code GET /api/v1/servers/{name}}. */
    public ServerReport server(String name) {
        return get("/api/v1/servers/" + enc(name), ServerReport.class);
    }

    /** {@code POST /api/v1/servers}: registers (or updates) a server by a commit on main. */
    public ServerRegistration.Result registerServer(ServerRegistration registration) {
        return post("/api/v1/servers", registration, ServerRegistration.Result.class);
    }

    /**
     * {@code POST /api/v1/promotions}: a pipeline run (this client's token must be its {@code SLIPWAY_TOKEN}) promotes
     * its own commit's manifests.
     */
    public dev.slipway.api.PromoteRequest.Result promote(dev.slipway.api.PromoteRequest request) {
        return post("/api/v1/promotions", request, dev.slipway.api.PromoteRequest.Result.class);
    }

    /** {@code GET /api/v1/artifacts}. */
    public List<ArtifactInfo> artifacts() {
        return get("/api/v1/artifacts", ArtifactList.class).artifacts();
    }

    /** {@code GET /api/v1/artifacts/{name}/{version}}. */
    public ArtifactInfo artifact(String name, String version) {
        return get(artifactPath(name, version), ArtifactInfo.class);
    }

    /** {@code PUT /api/v1/artifacts/{name}/{version}} of an OCI archive (409 when the version holds other content). */
    public ArtifactPublished publishArtifact(String name, String version, Path archive) {
        final HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(archive);
        } catch (java.io.FileNotFoundException e) {
            throw new SlipwayException("no archive " + archive, e);
        }
        return read(
                send(request(artifactPath(name, version), Duration.ofMinutes(10))
                        .header("Content-Type", "application/x-tar")
                        .PUT(body)),
                type(ArtifactPublished.class));
    }

    /** {@code GET /api/v1/artifacts/{name}/{version}/archive} into {@code target}. */
    public Path downloadArtifact(String name, String version, Path target) {
        final byte[] bytes = bytes("GET", artifactPath(name, version) + "/archive", Duration.ofMinutes(10));
        try {
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new SlipwayException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    // ---- logs

    /**
     * {@code GET /api/v1/namespaces/{ns}/deployments/{name}/logs}: each line (prefixed {@code [NODE/replica-ID]}) to
     * {@code lines} until it returns false, or the end (with {@link LogQuery#follow()}: until the server stops).
     */
    public void deploymentLogs(
            String namespace, String name, LogQuery query, java.util.function.Predicate<String> lines) {
        final StringBuilder q = new StringBuilder();
        param(q, "node", query.node());
        param(q, "replica", query.replica());
        lines(deploymentPath(namespace, name) + "/logs", q, query, lines);
    }

    /** {@code GET /api/v1/controlplane/log}: the control plane's own log, line by line (an admin's under auth). */
    public void controlPlaneLog(LogQuery query, java.util.function.Predicate<String> lines) {
        lines("/api/v1/controlplane/log", new StringBuilder(), query, lines);
    }

    private void lines(String path, StringBuilder q, LogQuery query, java.util.function.Predicate<String> sink) {
        param(q, "since", query.since() == null ? null : query.since().toMillis() + "ms");
        param(q, "follow", query.follow() ? "true" : null);
        final HttpRequest built = request(path + q, DEFAULT_TIMEOUT).GET().build();
        final HttpResponse<java.io.InputStream> r = exchange(built, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.BufferedReader in =
                new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            if (r.statusCode() / 100 != 2) {
                throw new SlipwayException(
                        r.statusCode(),
                        error(
                                r.statusCode(),
                                in.lines()
                                        .collect(java.util.stream.Collectors.joining("\n"))
                                        .getBytes(StandardCharsets.UTF_8)));
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (!sink.test(line)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new SlipwayException(built.method() + " " + built.uri() + ": " + e.getMessage(), e);
        }
    }

    private static void param(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append(q.length() == 0 ? '?' : '&').append(name).append('=').append(enc(value));
        }
    }

    // ---- request log

    /**
     * {@code GET …/deployments/{name}/requests}: what the built-in request-log sink kept for a deployment, joined with
     * feedback by puid, newest first.
     *
     * @param since a duration back from now ({@code 10m}) or an RFC 3339 time, or null for all kept
     * @param limit the most to return (1-1000), or null for the server's default (100)
     */
    public List<dev.slipway.api.LoggedRequest> requests(String namespace, String name, String since, Integer limit) {
        return requests(namespace, name, since, null, limit);
    }

    /**
     * As above, only predictions made strictly before {@code before} (null: no bound).
     */
    public List<dev.slipway.api.LoggedRequest> requests(
            String namespace, String name, String since, java.time.Instant before, Integer limit) {
        return requests(namespace, name, since, before, null, limit);
    }

    /**
     * As above, the page after the last prediction shown, made at {@code before} with puid {@code beforePuid}: the
     * predictions that follow it newest first (made before it, or at the same time with a smaller puid; null
     * beforePuid: strictly before {@code before}).
     */
    public List<dev.slipway.api.LoggedRequest> requests(
            String namespace, String name, String since, java.time.Instant before, String beforePuid, Integer limit) {
        final StringBuilder q = new StringBuilder();
        param(q, "since", since == null || since.isBlank() ? null : since.strip());
        param(q, "before", before == null ? null : before.toString());
        param(q, "beforePuid", beforePuid);
        param(q, "limit", limit == null ? null : limit.toString());
        return get(
                deploymentPath(namespace, name) + "/requests" + q,
                new TypeReference<List<dev.slipway.api.LoggedRequest>>() {});
    }

    // ---- plumbing

    private static String deploymentPath(String namespace, String name) {
        return "/api/v1/namespaces/" + enc(namespace) + "/deployments/" + enc(name);
    }

    private static String runPath(String id) {
        return "/api/v1/pipelines/runs/" + enc(id);
    }

    private static String artifactPath(String name, String version) {
        final StringBuilder path = new StringBuilder("/api/v1/artifacts");
        for (final String part : name.split("/", -1)) {
            path.append('/').append(enc(part));
        }
        return path.append('/').append(enc(version)).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T get(String path, Class<T> type) {
        return call("GET", path, null, DEFAULT_TIMEOUT, type(type));
    }

    private <T> T get(String path, TypeReference<T> type) {
        return call("GET", path, null, DEFAULT_TIMEOUT, json.getTypeFactory().constructType(type));
    }

    private <T> T post(String path, Object body, Class<T> type) {
        return call("POST", path, write(body), DEFAULT_TIMEOUT, type(type));
    }

    private JavaType type(Class<?> type) {
        return json.getTypeFactory().constructType(type);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request: " + e.getMessage(), e);
        }
    }

    private <T> T call(String method, String path, String body, Duration timeout, JavaType type) {
        final HttpRequest.Builder b = request(path, timeout)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return read(send(b), type);
    }

    private byte[] bytes(String method, String path, Duration timeout) {
        return send(request(path, timeout).method(method, HttpRequest.BodyPublishers.noBody()))
                .body();
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        final HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private <T> T read(HttpResponse<byte[]> r, JavaType type) {
        try {
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new SlipwayException(
                    base + r.uri().getRawPath() + ": the answer is not "
                            + type.getRawClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        final HttpRequest built = request.build();
        final HttpResponse<byte[]> r = exchange(built, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw new SlipwayException(r.statusCode(), error(r.statusCode(), r.body()));
        }
        return r;
    }

    /** Sends {@code built}; no answer is a {@link SlipwayException} saying why. */
    private <T> HttpResponse<T> exchange(HttpRequest built, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(built, body);
        } catch (ConnectException e) {
            throw new SlipwayException("cannot reach the control plane at " + base + " (is 'slipway up' running?)", e);
        } catch (HttpTimeoutException e) {
            throw new SlipwayException(
                    built.method() + " " + built.uri() + ": no answer within "
                            + built.timeout().map(Duration::toString).orElse("the timeout"),
                    e);
        } catch (IOException e) {
            throw new SlipwayException(built.method() + " " + built.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("interrupted while calling " + built.uri(), e);
        }
    }

    private ApiError error(int status, byte[] body) {
        final String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            final ApiError e = json.readValue(body, ApiError.class);
            if (e.error() != null) {
                return e;
            }
        } catch (IOException | RuntimeException notJson) {
            // a plain-text answer (git, Maven): the text is the message
            LOG.debug("a plain-text answer (git, Maven): the text is the message", notJson);
        }
        return ApiError.of(text.isEmpty() ? "HTTP " + status : text);
    }
}
