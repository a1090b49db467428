package dev.slipway.console;

import dev.slipway.api.Deployment;
import dev.slipway.client.SlipwayClient;
import dev.slipway.console.Web.Reply;
import dev.slipway.console.view.DeploymentRow;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Deployments: what the gateway routes, with each one's traffic of the last 15 minutes, and a try-it box that sends
 * a Seldon v1 or Open Inference v2 request through the gateway (as {@code slipway predict} does) and shows the answer.
 */
final class DeploymentPages {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final int MAX_BODY = 1024 * 1024;

    private final Web web;
    private final TrafficSampler traffic;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    DeploymentPages(Web web, TrafficSampler traffic) {
        this.web = web;
        this.traffic = traffic;
    }

    List<DeploymentRow> deployments(SlipwayClient api) {
        final List<DeploymentRow> out = new ArrayList<>();
        for (final Deployment d : api.deployments(null)) {
            out.add(new DeploymentRow(d.namespace(), d.name(), d.ready(), Read.replicas(d), traffic.traffic(d.name())));
        }
        return out;
    }

    void list(RoutingContext rc) {
        web.page(
                rc,
                viewer -> web.render(
                        "deployments.jte",
                        Web.params(
                                viewer,
                                "deployments",
                                deployments(web.client(rc)),
                                "gateway",
                                web.config().gateway().get())));
    }

    /** {@code POST /deployments/NS/NAME/try} with {@code {protocol: v1|v2, model?, body}}: the gateway's answer. */
    void tryIt(RoutingContext rc) {
        final String ns = rc.pathParam("ns");
        final String name = rc.pathParam("name");
        web.action(rc, (s, body) -> {
            if (!NAME.matcher(ns).matches() || !NAME.matcher(name).matches()) {
                return Reply.error(400, "namespace and name: DNS labels only");
            }
            web.client(s).deployment(ns, name); // one the API shows this user (else its 401/403/404)
            final String protocol = body.path("protocol").asText("v1");
            final String named = body.path("model").asText("").trim();
            final String model = named.isEmpty() ? name : named;
            final String payload = body.path("body").isTextual()
                    ? body.path("body").asText()
                    : body.path("body").toString();
            if (payload.length() > MAX_BODY) {
                return Reply.error(413, "body: at most 1 MiB");
            }
            final String path;
            if (protocol.equals("v1")) {
                path = "/api/v1.0/predictions";
            } else if (protocol.equals("v2")) {
                if (!NAME.matcher(model).matches()) {
                    return Reply.error(400, "model: a model name");
                }
                path = "/v2/models/" + model + "/infer";
            } else {
                return Reply.error(400, "protocol: v1 or v2");
            }
            final String url = web.config().gateway().get() + "/seldon/" + ns + "/" + name + path;
            final long start = System.nanoTime();
            final HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(payload))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            final long ms = (System.nanoTime() - start) / 1_000_000;
            return new Reply(
                    200,
                    Web.JSON
                            .createObjectNode()
                            .put("status", r.statusCode())
                            .put("millis", ms)
                            .put("url", "/seldon/" + ns + "/" + name + path)
                            .put("answer", r.body()));
        });
    }
}
