package dev.slipway.serving.testing;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.serving.ModelServer;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.model.LoadedModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts a real model server on a free loopback port before the tests of a class, and stops it after. */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<Model> model;
    private final String name;
    private final ServingConfig config;
    private final Map<String, String> parameters;
    private ModelServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServerExtension(String name, Supplier<Model> model, ServingConfig config, Map<String, String> parameters) {
        this.name = name;
        this.model = model;
        this.config = config;
        this.parameters = parameters;
    }

    public ServerExtension(String name, Supplier<Model> model) {
        this(name, model, ServingConfig.defaults(), Map.of());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Model m = model.get();
        m.load(new ModelContext(name, null, null, Parameters.of(parameters), ModelFactories.of(List.of())));
        server = ModelServer.start(config, new LoadedModel(name, m.getClass().getSimpleName(), m, m.metadata(), null));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public ModelServer server() {
        return server;
    }

    public String url(String path) {
        return server.url() + path;
    }

    /** A response's status and body as text, and its headers. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {}

    public Answer post(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }

    public Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    public Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers());
    }
}
