package dev.slipway.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Cloud Storage JSON API paths Slipway uses (paginated listing, {@code alt=media}), plus an OAuth
 * token endpoint that verifies the RS256 JWT of a service account, on a real local HTTP server.
 */
final class FakeGcs implements AutoCloseable {

    static final String TOKEN = "test-access-token";

    final LocalHttpServer server;
    final AtomicInteger media = new AtomicInteger();
    final AtomicInteger tokens = new AtomicInteger();
    private final Map<String, TreeMap<String, byte[]>> buckets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> publicBuckets = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final PublicKey serviceAccountKey;
    private final int pageSize;

    FakeGcs(PublicKey serviceAccountKey, int pageSize) throws IOException {
        this.serviceAccountKey = serviceAccountKey;
        this.pageSize = pageSize;
        server = new LocalHttpServer();
        server.route("/storage/v1/b/", this::storage);
        server.route("/token", this::token);
    }

    void put(String bucket, String name, byte[] content, boolean publicRead) {
        buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).put(name, content);
        publicBuckets.put(bucket, publicRead);
    }

    String host() {
        return "127.0.0.1:" + server.port();
    }

    private void token(HttpExchange ex) throws IOException {
        tokens.incrementAndGet();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String[] jwt = form.getOrDefault("assertion", "").split("\\.");
        boolean ok = false;
        try {
            Signature rs = Signature.getInstance("SHA256withRSA");
            rs.initVerify(serviceAccountKey);
            rs.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            ok = rs.verify(Base64.getUrlDecoder().decode(jwt[2]))
                    && "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                    && claims.path("aud").asText().equals(server.url("/token"))
                    && claims.path("scope").asText().contains("devstorage");
        } catch (Exception e) {
            ok = false;
        }
        if (!ok) {
            LocalHttpServer.send(ex, 400, "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode answer = json.createObjectNode()
                .put("access_token", TOKEN)
                .put("expires_in", 3600)
                .put("token_type", "Bearer");
        LocalHttpServer.send(ex, 200, json.writeValueAsBytes(answer));
    }

    private void storage(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath(); // /storage/v1/b/{bucket}/o[/{object}]
        String[] parts = raw.substring("/storage/v1/b/".length()).split("/", 3);
        String bucket = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        TreeMap<String, byte[]> objects = buckets.get(bucket);
        if (objects == null) {
            LocalHttpServer.send(
                    ex,
                    404,
                    "{\"error\":{\"code\":404,\"message\":\"bucket not found\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        boolean authorised = publicBuckets.get(bucket)
                || ("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"));
        if (!authorised) {
            LocalHttpServer.send(
                    ex,
                    401,
                    "{\"error\":{\"code\":401,\"message\":\"Anonymous caller\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (parts.length == 3) {
            String name = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
            byte[] content = objects.get(name);
            if (content == null || !"media".equals(query.get("alt"))) {
                LocalHttpServer.send(ex, 404, new byte[0]);
                return;
            }
            media.incrementAndGet();
            LocalHttpServer.send(ex, 200, content);
            return;
        }
        String prefix = query.getOrDefault("prefix", "");
        List<String> names = new ArrayList<>(
                objects.tailMap(query.getOrDefault("pageToken", prefix), true).keySet());
        ObjectNode page = json.createObjectNode().put("kind", "storage#objects");
        ArrayNode items = page.putArray("items");
        int n = 0;
        for (String name : names) {
            if (!name.startsWith(prefix)) {
                break;
            }
            if (n == pageSize) {
                page.put("nextPageToken", name);
                break;
            }
            byte[] content = objects.get(name);
            items.addObject()
                    .put("name", name)
                    .put("bucket", bucket)
                    .put("size", Integer.toString(content.length))
                    .put("generation", Integer.toString(java.util.Arrays.hashCode(content)))
                    .put("md5Hash", md5(content));
            n++;
        }
        LocalHttpServer.send(ex, 200, json.writeValueAsBytes(page));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
