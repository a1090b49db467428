package dev.slipway.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The artifact store of a running {@code slipway up}, over its REST API: {@code PUT|GET
 * /api/v1/artifacts/{name}/{version}}, {@code GET /api/v1/artifacts/{name}/{version}/archive}, {@code GET
 * /api/v1/artifacts}. As an {@link ArtifactSource} it downloads archives into a local store.
 */
public final class RemoteArtifacts implements ArtifactSource {

    private static final ObjectMapper JSON = Mappers.json();

    private final URI server;
    private final @Nullable String token;
    private final HttpClient http;

    public RemoteArtifacts(URI server) {
        this(server, null);
    }

    /**
     * @param token sent as {@code Authorization: Bearer} when not blank ({@code slipway up --auth}: a user's token or
     *     a pipeline run's own {@code SLIPWAY_TOKEN})
     */
    public RemoteArtifacts(URI server, @Nullable String token) {
        final String s = Objects.requireNonNull(server, "server").toString();
        this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private HttpRequest.Builder request(URI uri) {
        final HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    public URI server() {
        return server;
    }

    /** Publishes the OCI archive {@code archive} as {@code ref}; returns the server's answer (outcome, artifact). */
    public JsonNode push(ArtifactRef ref, Path archive) {
        try {
            return answer(
                    send(request(uri(ref, ""))
                            .header("Content-Type", "application/x-tar")
                            .PUT(HttpRequest.BodyPublishers.ofFile(archive))
                            .build()),
                    ref);
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Kind.INVALID, archive + ": cannot read: " + e.getMessage());
        }
    }

    /** The artifact {@code ref} as the server describes it. */
    public JsonNode show(ArtifactRef ref) {
        return answer(send(request(uri(ref, "")).GET().build()), ref);
    }

    /** Every artifact the server holds. */
    public List<JsonNode> list() {
        final JsonNode n = answer(
                send(request(URI.create(server + "/api/v1/artifacts")).GET().build()), null);
        final List<JsonNode> all = new ArrayList<>();
        n.path("artifacts").forEach(all::add);
        return all;
    }

    @Override
    public boolean fetchInto(ArtifactRef ref, ArtifactStore store) {
        final HttpResponse<InputStream> r;
        try {
            r = http.send(
                    request(uri(ref, "/archive"))
                            .timeout(Duration.ofMinutes(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ArtifactException(
                    ArtifactException.Kind.IO,
                    "cannot reach the artifact store at " + server + " for " + ref + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException(ArtifactException.Kind.IO, "interrupted fetching " + ref);
        }
        try (InputStream body = r.body()) {
            if (r.statusCode() == 404) {
                return false;
            }
            if (r.statusCode() != 200) {
                throw new ArtifactException(
                        ArtifactException.Kind.IO,
                        server + " answered " + r.statusCode() + " for " + ref + ": "
                                + new String(body.readNBytes(2000), StandardCharsets.UTF_8));
            }
            store.publish(ref, body);
            return true;
        } catch (IOException e) {
            throw new ArtifactException(
                    ArtifactException.Kind.IO, "cannot download " + ref + " from " + server + ": " + e.getMessage(), e);
        }
    }

    private URI uri(ArtifactRef ref, String suffix) {
        return URI.create(server + "/api/v1/artifacts/" + ref.name() + "/" + ref.version() + suffix);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ArtifactException(
                    ArtifactException.Kind.IO,
                    "cannot reach the artifact store at " + server + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException(ArtifactException.Kind.IO, "interrupted talking to " + server);
        }
    }

    private JsonNode answer(HttpResponse<String> r, @Nullable ArtifactRef ref) {
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (IOException e) {
            n = null;
        }
        if (r.statusCode() / 100 == 2 && n != null) {
            return n;
        }
        final String error = n != null && n.has("error") ? n.path("error").asText() : r.body();
        final String message = r.statusCode() == 401 || r.statusCode() == 403
                ? server + " answered " + r.statusCode() + ": " + error + " (a token goes in env SLIPWAY_TOKEN)"
                : error;
        final ArtifactException.Kind kind = switch (r.statusCode()) {
            case 400 -> ArtifactException.Kind.INVALID;
            case 404 -> ArtifactException.Kind.NOT_FOUND;
            case 409 -> ArtifactException.Kind.CONFLICT;
            default -> ArtifactException.Kind.IO;
        };
        throw new ArtifactException(
                kind, message.isBlank() ? "HTTP " + r.statusCode() + (ref == null ? "" : " for " + ref) : message);
    }
}
