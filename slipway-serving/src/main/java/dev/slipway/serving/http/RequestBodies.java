package dev.slipway.serving.http;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Takes the JSON out of a request as Seldon's microservice does: a JSON body; a form body's
 * {@code json} field (what {@code SeldonClient.microservice} and {@code curl -d json=…} send); a form
 * body that is itself JSON (plain {@code curl -d '{…}'}); or, for GET, the {@code json} query
 * parameter. Any other content type is refused with 415.
 */
final class RequestBodies {

    private RequestBodies() {}

    static byte[] extract(HttpServerRequest req, byte[] raw, ErrorStyle style) {
        if (req.method().name().equals("GET") || req.method().name().equals("HEAD")) {
            String json = req.getParam("json");
            return json == null ? raw : json.getBytes(StandardCharsets.UTF_8);
        }
        String type = req.getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (media.isEmpty() || media.equals("application/json") || media.endsWith("+json")) {
            return raw;
        }
        if (style == ErrorStyle.SELDON && media.equals("application/x-www-form-urlencoded")) {
            return fromForm(raw);
        }
        throw new HttpError(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "unsupported Content-Type '" + type + "': send application/json"
                        + (style == ErrorStyle.SELDON ? " (or a form with a json field)" : ""));
    }

    private static byte[] fromForm(byte[] raw) {
        String body = new String(raw, StandardCharsets.UTF_8);
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{")) {
            return raw; // curl -d '{...}' sends JSON labelled as a form
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals("json")) {
                return decode(eq < 0 ? "" : pair.substring(eq + 1)).getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new HttpError(400, "MICROSERVICE_BAD_DATA", "the form body has no 'json' field");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(
                    400, "MICROSERVICE_BAD_DATA", "the form body is not valid URL encoding: " + e.getMessage());
        }
    }
}
