package dev.slipway.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gs://bucket/prefix} through the Cloud Storage JSON API: a paginated listing of the prefix,
 * then one {@code alt=media} download per object, each checked against its listed size and MD5.
 * Anonymous (public buckets) unless {@code GOOGLE_APPLICATION_CREDENTIALS} names a service-account key.
 * {@code STORAGE_EMULATOR_HOST} overrides the endpoint, as Google's own clients read it.
 */
public final class GcsStorage implements Storage {

    static final String DEFAULT_ENDPOINT = "https://storage.googleapis.com";

    private final String endpoint;
    private final String keyFile;
    private final HttpTransport transport;
    private final ObjectMapper json = Mappers.json(Limits.PAYLOAD);
    private volatile GcsCredentials credentials;

    /** A client for the endpoint and credentials that {@code environment} names. */
    public GcsStorage(Map<String, String> environment, StorageOptions options) {
        String emulator = environment.get("STORAGE_EMULATOR_HOST");
        if (emulator == null || emulator.isBlank()) {
            this.endpoint = DEFAULT_ENDPOINT;
        } else {
            String e = emulator.trim();
            e = e.contains("://") ? e : "http://" + e;
            this.endpoint = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
        }
        String key = environment.get("GOOGLE_APPLICATION_CREDENTIALS");
        this.keyFile = key == null || key.isBlank() ? null : key.trim();
        this.transport = new HttpTransport(options);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gs");
    }

    @Override
    public Fetched fetch(URI uri, String previousVersion, Path staging, Budget budget) throws StorageException {
        BucketPath location = BucketPath.parse(uri, budget.uri());
        Map<String, String> headers = authHeaders(budget.uri());
        List<JsonNode> objects = list(location, headers, budget);
        boolean single =
                objects.size() == 1 && objects.get(0).path("name").asText().equals(location.prefix());
        long total = objects.stream().mapToLong(o -> o.path("size").asLong(0)).sum();
        budget.checkPlanned(total, objects.size());
        MessageDigest sha = HttpTransport.sha256();
        for (JsonNode o : objects) {
            sha.update((o.path("name").asText() + "\t" + o.path("generation").asText() + "\t"
                            + o.path("etag").asText() + "\t" + o.path("size").asText() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String version = "gs:" + HttpTransport.hex(sha.digest());
        if (version.equals(previousVersion)) {
            return Fetched.notModified();
        }
        for (JsonNode o : objects) {
            String name = o.path("name").asText();
            String relative = single ? location.fileName() : location.relative(name);
            download(location.bucket(), o, SafePaths.resolveInside(staging, relative, budget.uri()), headers, budget);
        }
        return new Fetched(version, single);
    }

    private Map<String, String> authHeaders(String modelUri) throws StorageException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept-Encoding", "identity");
        if (keyFile != null) {
            GcsCredentials c = credentials;
            if (c == null) {
                synchronized (this) {
                    if (credentials == null) {
                        credentials = GcsCredentials.fromKeyFile(Path.of(keyFile), transport, Clock.systemUTC());
                    }
                    c = credentials;
                }
            }
            headers.put("Authorization", "Bearer " + c.accessToken(modelUri));
        }
        return headers;
    }

    private List<JsonNode> list(BucketPath location, Map<String, String> headers, Budget budget)
            throws StorageException {
        List<JsonNode> exact = new ArrayList<>();
        List<JsonNode> under = new ArrayList<>();
        String pageToken = null;
        do {
            budget.checkDeadline();
            StringBuilder url = new StringBuilder(endpoint)
                    .append("/storage/v1/b/")
                    .append(encode(location.bucket()))
                    .append("/o?");
            url.append("prefix=").append(encode(location.prefix()));
            if (pageToken != null) {
                url.append("&pageToken=").append(encode(pageToken));
            }
            JsonNode page =
                    getJson(URI.create(url.toString()), headers, "bucket '" + location.bucket() + "'", budget.uri());
            for (JsonNode item : page.path("items")) {
                String name = item.path("name").asText();
                if (name.equals(location.prefix())) {
                    exact.add(item);
                } else if (location.contains(name) && !name.endsWith("/")) {
                    under.add(item);
                    budget.checkPlanned(0, under.size());
                }
            }
            String next = page.path("nextPageToken").asText("");
            pageToken = next.isEmpty() ? null : next;
        } while (pageToken != null);
        List<JsonNode> chosen = under.isEmpty() ? exact : under;
        if (chosen.isEmpty()) {
            throw new StorageException(
                    StorageException.Reason.NOT_FOUND,
                    "model URI '" + budget.uri() + "': no object found in bucket '" + location.bucket() + "' under '"
                            + location.prefix() + "'");
        }
        chosen.sort(Comparator.comparing(o -> o.path("name").asText()));
        return chosen;
    }

    private JsonNode getJson(URI url, Map<String, String> headers, String what, String modelUri)
            throws StorageException {
        HttpURLConnection c = transport.open("GET", url, headers, modelUri);
        try {
            int status = transport.status(c, modelUri);
            String body = transport.readSmall(c, modelUri);
            if (status != 200) {
                throw HttpTransport.statusFailure(modelUri, what, status, body);
            }
            return json.readTree(body);
        } catch (IOException e) {
            throw new StorageException(
                    "model URI '" + modelUri + "': unreadable listing from " + url + ": " + e.getMessage(), e);
        } finally {
            c.disconnect();
        }
    }

    private void download(String bucket, JsonNode o, Path file, Map<String, String> headers, Budget budget)
            throws StorageException {
        String name = o.path("name").asText();
        URI url = URI.create(endpoint + "/storage/v1/b/" + encode(bucket) + "/o/" + encode(name) + "?alt=media");
        budget.addFile();
        HttpURLConnection c = transport.open("GET", url, headers, budget.uri());
        try {
            int status = transport.status(c, budget.uri());
            if (status != 200) {
                throw HttpTransport.statusFailure(
                        budget.uri(), "object '" + name + "'", status, transport.readSmall(c, budget.uri()));
            }
            Files.createDirectories(file.getParent());
            long size = o.has("size") ? o.path("size").asLong() : c.getContentLengthLong();
            transport.download(c, file, size, budget);
            String md5 = o.path("md5Hash").asText("");
            if (!md5.isEmpty() && !md5.equals(md5(file))) {
                throw new StorageException(
                        StorageException.Reason.INCOMPLETE,
                        "model URI '" + budget.uri() + "': object '" + name
                                + "' does not match its listed MD5 (corrupt or changed during download)");
            }
        } catch (IOException e) {
            throw new StorageException(
                    "model URI '" + budget.uri() + "': cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            c.disconnect();
        }
    }

    private static String md5(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return Base64.getEncoder().encodeToString(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
