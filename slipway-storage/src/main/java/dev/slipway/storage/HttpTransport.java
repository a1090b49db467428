package dev.slipway.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Plain HTTP calls with a connect timeout, a read timeout on every read, the fetch deadline, and
 * failures translated into {@link StorageException}s that name the model URI.
 */
final class HttpTransport {

    private static final int BUFFER = 64 * 1024;

    private final StorageOptions options;

    HttpTransport(StorageOptions options) {
        this.options = options;
    }

    /** Opens a request; the caller reads the status and closes the connection. */
    HttpURLConnection open(String method, URI url, Map<String, String> headers, String modelUri)
            throws StorageException {
        try {
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(
                    (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
            c.setReadTimeout(
                    (int) Math.min(Integer.MAX_VALUE, options.readTimeout().toMillis()));
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(true);
            headers.forEach(c::setRequestProperty);
            return c;
        } catch (IOException | IllegalArgumentException e) {
            throw new StorageException(
                    StorageException.Reason.REFUSED,
                    "model URI '" + modelUri + "': invalid URL " + url + ": " + e.getMessage(),
                    e);
        }
    }

    /** Sends a form body and returns the status (connecting as needed). */
    int post(HttpURLConnection c, String form, String modelUri) throws StorageException {
        try {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            return c.getResponseCode();
        } catch (IOException e) {
            throw failure(modelUri, c.getURL().toString(), e);
        }
    }

    /** The status code, connecting as needed. */
    int status(HttpURLConnection c, String modelUri) throws StorageException {
        try {
            return c.getResponseCode();
        } catch (IOException e) {
            throw failure(modelUri, c.getURL().toString(), e);
        }
    }

    /** The whole body of a small response (error bodies, listings, tokens), at most 16 MiB. */
    String readSmall(HttpURLConnection c, String modelUri) throws StorageException {
        try (InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in == null) {
                return "";
            }
            byte[] bytes = in.readNBytes(16 << 20);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure(modelUri, c.getURL().toString(), e);
        }
    }

    /**
     * Streams the body into {@code file}, charging {@code budget}, and checks that exactly the announced
     * length arrived. Returns the SHA-256 of the bytes, hex.
     */
    String download(HttpURLConnection c, Path file, long expectedLength, Budget budget) throws StorageException {
        MessageDigest sha = sha256();
        long got = 0;
        try (InputStream in = c.getInputStream();
                OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                budget.addBytes(n);
                got += n;
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new StorageException(
                    StorageException.Reason.UNREACHABLE,
                    "model URI '" + budget.uri() + "': " + c.getURL() + " stopped sending (read timeout after " + got
                            + " bytes)",
                    e);
        } catch (IOException e) {
            throw new StorageException(
                    StorageException.Reason.INCOMPLETE,
                    "model URI '" + budget.uri() + "': download of " + c.getURL() + " broke after " + got + " bytes: "
                            + e.getMessage(),
                    e);
        }
        if (expectedLength >= 0 && got != expectedLength) {
            throw new StorageException(
                    StorageException.Reason.INCOMPLETE,
                    "model URI '" + budget.uri() + "': incomplete download of " + c.getURL() + ": got " + got + " of "
                            + expectedLength + " bytes");
        }
        return hex(sha.digest());
    }

    /** A failure for an HTTP error status. */
    static StorageException statusFailure(String modelUri, String what, int status, String body) {
        String detail = body == null || body.isBlank() ? "" : ": " + abbreviate(body.strip());
        if (status == 404 || status == 410) {
            return new StorageException(
                    StorageException.Reason.NOT_FOUND,
                    "model URI '" + modelUri + "': " + what + " not found (HTTP " + status + ")" + detail);
        }
        if (status == 401 || status == 403) {
            return new StorageException(
                    StorageException.Reason.DENIED,
                    "model URI '" + modelUri + "': access to " + what + " denied (HTTP " + status
                            + "; check the credentials)" + detail);
        }
        return new StorageException("model URI '" + modelUri + "': " + what + " answered HTTP " + status + detail);
    }

    /** A failure for an I/O error before any body was read. */
    static StorageException failure(String modelUri, String url, IOException e) {
        if (e instanceof ConnectException
                || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || e instanceof SocketTimeoutException) {
            return new StorageException(
                    StorageException.Reason.UNREACHABLE,
                    "model URI '" + modelUri + "': endpoint " + url + " is unreachable ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        }
        return new StorageException("model URI '" + modelUri + "': request to " + url + " failed: " + e, e);
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
