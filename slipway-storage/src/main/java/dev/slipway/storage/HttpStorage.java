package dev.slipway.storage;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code http://} and {@code https://}: one file, kept under its file name (archives are unpacked by
 * the cache). Re-fetches are conditional: the stored ETag or Last-Modified is sent back, and a 304 costs
 * no download. Without either validator the content's SHA-256 is the version.
 */
public final class HttpStorage implements Storage {

    private static final String ETAG = "etag:";
    private static final String MODIFIED = "modified:";
    private static final int MAX_REDIRECTS = 5;

    private final HttpTransport transport;

    public HttpStorage(StorageOptions options) {
        this.transport = new HttpTransport(options);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public Fetched fetch(URI uri, String previousVersion, Path staging, Budget budget) throws StorageException {
        String fileName = fileName(uri, budget.uri());
        Path file = SafePaths.resolveInside(staging, fileName, budget.uri());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept-Encoding", "identity");
        if (previousVersion != null && previousVersion.startsWith(ETAG)) {
            headers.put("If-None-Match", previousVersion.substring(ETAG.length()));
        } else if (previousVersion != null && previousVersion.startsWith(MODIFIED)) {
            headers.put("If-Modified-Since", previousVersion.substring(MODIFIED.length()));
        }
        URI url = uri;
        HttpURLConnection c = transport.open("GET", url, headers, budget.uri());
        int status = transport.status(c, budget.uri());
        // HttpURLConnection follows redirects within one protocol only; follow http <-> https ones here.
        for (int hops = 0; isRedirect(status) && c.getHeaderField("Location") != null; hops++) {
            if (hops == MAX_REDIRECTS) {
                c.disconnect();
                throw new StorageException(
                        "model URI '" + budget.uri() + "': more than " + MAX_REDIRECTS + " redirects");
            }
            url = url.resolve(c.getHeaderField("Location"));
            c.disconnect();
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new StorageException(
                        StorageException.Reason.REFUSED,
                        "model URI '" + budget.uri() + "' redirects to unsupported " + url);
            }
            c = transport.open("GET", url, headers, budget.uri());
            status = transport.status(c, budget.uri());
        }
        try {
            if (status == HttpURLConnection.HTTP_NOT_MODIFIED && previousVersion != null) {
                return Fetched.notModified();
            }
            if (status != HttpURLConnection.HTTP_OK) {
                throw HttpTransport.statusFailure(
                        budget.uri(), url.toString(), status, transport.readSmall(c, budget.uri()));
            }
            long length = c.getContentLengthLong();
            if (length >= 0) {
                budget.checkPlanned(length, 1);
            }
            budget.addFile();
            String digest = transport.download(c, file, length, budget);
            String etag = c.getHeaderField("ETag");
            String modified = c.getHeaderField("Last-Modified");
            String version = etag != null && !etag.isBlank()
                    ? ETAG + etag
                    : modified != null && !modified.isBlank() ? MODIFIED + modified : "sha256:" + digest;
            return new Fetched(version, true);
        } finally {
            c.disconnect();
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String fileName(URI uri, String modelUri) throws StorageException {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int slash = path.lastIndexOf('/');
        String name = URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw new StorageException(
                    StorageException.Reason.REFUSED,
                    "model URI '" + modelUri
                            + "' does not name a file (the path must end with a file name such as model.onnx or model.tar.gz)");
        }
        return name;
    }
}
