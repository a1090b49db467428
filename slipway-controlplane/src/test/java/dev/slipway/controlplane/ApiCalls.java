package dev.slipway.controlplane;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Raw HTTP calls to a test control plane's API, for what the typed client cannot send (any path, any header). */
public final class ApiCalls {

    /** The header state-changing requests carry (a browser cannot send it cross-site: issue 13). */
    public static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ApiCalls() {}

    /**
     * {@code method rawPath} with a JSON body (or none) and a bearer token (or none), plus {@code headers}; a body is
     * sent as {@code application/json} unless {@code headers} say otherwise.
     */
    public static HttpResponse<String> send(
            ControlPlane plane, String method, String rawPath, String body, String token, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort() + rawPath))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
