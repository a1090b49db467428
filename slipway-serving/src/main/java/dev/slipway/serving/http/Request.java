package dev.slipway.serving.http;

import java.util.Map;

/**
 * A request as an endpoint sees it: method, path, query, headers it may need, the JSON body (already
 * taken out of a form or query when the client sent it that way), and path parameters.
 */
public record Request(String method, String path, String contentType, byte[] body, Map<String, String> pathParams) {

    public String param(String name) {
        return pathParams.get(name);
    }
}
