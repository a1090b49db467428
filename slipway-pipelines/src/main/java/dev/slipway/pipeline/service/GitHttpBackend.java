package dev.slipway.pipeline.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git's smart HTTP protocol for hosted repositories, by running {@code git http-backend} as a CGI
 * program: the request's method, path, query and body go in, the CGI headers and body come out.
 * Transport-free: the HTTP server only copies requests and responses. Request bodies are streamed to git and bounded;
 * a fetch's answer is streamed back ({@link Response#stream()}), a push's small result is read whole.
 */
public final class GitHttpBackend {

    private static final Logger LOG = LoggerFactory.getLogger(GitHttpBackend.class);

    /**
     * A request for {@code /PREFIX/NAME.git/REST}; its body is streamed to {@code git http-backend} as it is read, never
     * held whole.
     *
     * @param contentLength the body's declared length, or -1 (chunked: git reads to the end)
     */
    public record Request(
            String method,
            String repository,
            String rest,
            String query,
            String contentType,
            String contentEncoding,
            InputStream body,
            long contentLength,
            String remoteUser) {

        /** A request whose body is in memory already (tests, small requests). */
        public Request(
                String method,
                String repository,
                String rest,
                String query,
                String contentType,
                String contentEncoding,
                byte[] body,
                String remoteUser) {
            this(
                    method,
                    repository,
                    rest,
                    query,
                    contentType,
                    contentEncoding,
                    new java.io.ByteArrayInputStream(body == null ? new byte[0] : body),
                    body == null ? 0 : body.length,
                    remoteUser);
        }
    }

    /**
     * The answer: status, headers and body — in memory ({@code body}), or for a fetch streamed from
     * {@code git http-backend} as it writes it ({@code stream}; {@code body} is then empty): whoever sends it reads the
     * stream at the pace of its client and closes it, which ends the backend process.
     */
    public record Response(
            int status,
            Map<String, String> headers,
            byte[] body,
            @Nullable InputStream stream) {

        /** An answer held in memory. */
        public Response(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, null);
        }

        public boolean isReceivePack() {
            return "application/x-git-receive-pack-result".equals(headers.get("Content-Type"));
        }

        /** Copies the body to {@code out} (a streamed one as git writes it) and closes the stream. */
        public void writeTo(OutputStream out) throws IOException {
            if (stream == null) {
                out.write(body);
                return;
            }
            try (InputStream in = stream) {
                in.transferTo(out);
            }
        }
    }

    private final HostedRepositories repositories;
    private final String git;
    private final long maxResponse;
    private final long maxRequest;
    private final long timeoutSeconds;

    /**
     * @param maxResponse the largest answer held in memory (a push's result, where runs are added); a fetch's pack is
     *     streamed whatever its size
     * @param maxRequest the largest body (a push's pack) in bytes: a longer one is cut off and refused (413)
     */
    public GitHttpBackend(
            HostedRepositories repositories, String git, long maxResponse, long maxRequest, long timeoutSeconds) {
        this.repositories = repositories;
        this.git = git;
        this.maxResponse = maxResponse;
        this.maxRequest = maxRequest;
        this.timeoutSeconds = timeoutSeconds;
    }

    public GitHttpBackend(HostedRepositories repositories, String git, long maxResponse, long timeoutSeconds) {
        this(repositories, git, maxResponse, MAX_REQUEST, timeoutSeconds);
    }

    public GitHttpBackend(HostedRepositories repositories) {
        this(repositories, "git", 1L << 30, MAX_REQUEST, 600);
    }

    /** The largest push by default: 2 GiB (streamed, so memory does not grow with it). */
    public static final long MAX_REQUEST = 2L << 30;

    /** The largest body this backend takes, in bytes. */
    public long maxRequest() {
        return maxRequest;
    }

    public Response serve(Request r) {
        String name;
        try {
            name = HostedRepositories.checkName(r.repository());
        } catch (IllegalArgumentException e) {
            return text(400, e.getMessage());
        }
        if (!repositories.exists(name)) {
            return text(404, "no repository " + name);
        }
        if (!r.rest().equals("info/refs")
                && !r.rest().equals("git-upload-pack")
                && !r.rest().equals("git-receive-pack")
                && !r.rest().equals("HEAD")) {
            return text(404, "not a smart HTTP path: " + r.rest());
        }
        if (r.contentLength() > maxRequest) {
            return text(413, "request body of " + r.contentLength() + " bytes is larger than " + maxRequest + " bytes");
        }
        ProcessBuilder pb = new ProcessBuilder(git, "http-backend");
        Map<String, String> env = pb.environment();
        env.put("GIT_PROJECT_ROOT", repositories.root().toAbsolutePath().toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", "/" + name + ".git/" + r.rest());
        env.put("REQUEST_METHOD", r.method().toUpperCase(Locale.ROOT));
        env.put("QUERY_STRING", r.query() == null ? "" : r.query());
        env.put("CONTENT_TYPE", r.contentType() == null ? "" : r.contentType());
        if (r.contentLength() >= 0) {
            env.put("CONTENT_LENGTH", Long.toString(r.contentLength()));
        } else {
            env.remove("CONTENT_LENGTH"); // chunked: http-backend reads to the end
        }
        env.put("REMOTE_USER", r.remoteUser() == null ? "slipway" : r.remoteUser());
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        if (r.contentEncoding() != null) {
            env.put("HTTP_CONTENT_ENCODING", r.contentEncoding());
        }
        env.put("GIT_TERMINAL_PROMPT", "0");
        Process p;
        try {
            p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return text(500, "cannot run git http-backend: " + e.getMessage());
        }
        java.util.concurrent.atomic.AtomicBoolean tooLarge = new java.util.concurrent.atomic.AtomicBoolean();
        final boolean buffered = r.rest().equals("git-receive-pack"); // its result gets remote: lines appended
        try {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(
                    () -> {
                        try (InputStream body = r.body();
                                OutputStream in = p.getOutputStream()) {
                            if (body != null && !copyBounded(body, in)) {
                                tooLarge.set(true);
                                p.destroyForcibly(); // nothing of a cut-off pack is kept: receive-pack never saw
                                // its end
                            }
                        } catch (IOException ignored) {
                            // the backend stopped reading; its answer says why
                            LOG.debug("the backend stopped reading; its answer says why", ignored);
                        }
                    },
                    task -> {
                        Thread t = new Thread(task, "git-request-body"); // blocking reads: never the common pool
                        t.setDaemon(true);
                        t.start();
                    });
            if (!buffered) {
                return streamed(p, writer);
            }
            byte[] out = readBounded(p.getInputStream());
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return text(504, "git http-backend took longer than " + timeoutSeconds + "s");
            }
            writer.get(timeoutSeconds, TimeUnit.SECONDS);
            if (tooLarge.get()) {
                return text(413, "request body is larger than " + maxRequest + " bytes");
            }
            return parse(out);
        } catch (Exception e) {
            p.destroyForcibly();
            return text(500, "git http-backend failed: " + e.getMessage());
        }
    }

    /**
     * A fetch's answer (a pack of any size): the CGI headers are read here, the body is left in the process's output
     * for the caller to read at its client's pace — nothing of it is collected in memory.
     */
    private Response streamed(Process p, CompletableFuture<Void> writer) throws IOException {
        final InputStream out = new java.io.BufferedInputStream(p.getInputStream(), 65536);
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int previous = -1;
        int c;
        while ((c = out.read()) >= 0) {
            head.write(c);
            if (c == '\n' && previous == '\n') { // a blank line ends the headers ("\n\n" or "\r\n\r\n")
                break;
            }
            if (c != '\r') {
                previous = c;
            }
            if (head.size() > MAX_HEADERS) {
                p.destroyForcibly();
                throw new IOException("git http-backend wrote more than " + MAX_HEADERS + " bytes of headers");
            }
        }
        final Response parsed = parse(head.toByteArray());
        return new Response(parsed.status(), parsed.headers(), new byte[0], new ProcessOutput(out, p, writer));
    }

    /** The most bytes of CGI headers read before the body. */
    private static final int MAX_HEADERS = 64 * 1024;

    /** A backend process's output; closing it ends the process (when the client stopped early) and its writer. */
    private static final class ProcessOutput extends java.io.FilterInputStream {
        private final Process process;
        private final CompletableFuture<Void> writer;

        ProcessOutput(InputStream in, Process process, CompletableFuture<Void> writer) {
            super(in);
            this.process = process;
            this.writer = writer;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                try {
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly(); // the client went away before the end
                    }
                    writer.get(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    process.destroyForcibly();
                    LOG.debug("git http-backend's request writer did not finish", e);
                }
            }
        }
    }

    /** Copies {@code body} to {@code out} in small pieces; false (and stops) once more than {@link #maxRequest} came. */
    private boolean copyBounded(InputStream body, OutputStream out) throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = body.read(buf)) >= 0) {
            total += n;
            if (total > maxRequest) {
                return false;
            }
            out.write(buf, 0, n);
        }
        return true;
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > maxResponse) {
                throw new IOException("response larger than " + maxResponse + " bytes");
            }
        }
        return out.toByteArray();
    }

    /** Splits CGI output into headers (until an empty line) and body. */
    static Response parse(byte[] out) {
        int i = 0;
        int status = 200;
        Map<String, String> headers = new LinkedHashMap<>();
        while (i < out.length) {
            int end = i;
            while (end < out.length && out[end] != '\n') {
                end++;
            }
            String line = new String(out, i, end - i, StandardCharsets.ISO_8859_1);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            i = Math.min(end + 1, out.length);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    headers.put(key, value);
                }
            }
        }
        byte[] body = new byte[out.length - i];
        System.arraycopy(out, i, body, 0, body.length);
        return new Response(status, headers, body);
    }

    private static Response text(int status, String message) {
        return new Response(
                status,
                Map.of("Content-Type", "text/plain; charset=utf-8"),
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
