package dev.slipway.pipeline.service;

import java.util.Map;

/**
 * Git smart HTTP for hosted repositories, with pushes triggering runs: around every
 * {@code git-receive-pack} request the branches are read before and after, and each branch that moved
 * starts its pipeline ({@link PipelineService#pushed}). Transport-free: an HTTP server hands requests in.
 */
public final class GitHosting {

    private final GitHttpBackend backend;
    private final PipelineService service;

    public GitHosting(GitHttpBackend backend, PipelineService service) {
        this.backend = backend;
        this.service = service;
    }

    /** The largest request body (a push) the backend takes. */
    public long maxRequest() {
        return backend.maxRequest();
    }

    public GitHttpBackend.Response serve(GitHttpBackend.Request request) {
        return serve(request, null);
    }

    /**
     * Serves {@code request}; a push that started runs is answered with {@code remote:} lines naming them
     * ({@link PushFeedback}), with the command and, when {@code apiUrl} (this server as the pusher reached it) is
     * known, the console page to follow each.
     */
    public GitHttpBackend.Response serve(GitHttpBackend.Request asked, String apiUrl) {
        boolean push = "POST".equalsIgnoreCase(asked.method()) && "git-receive-pack".equals(asked.rest());
        HostedRepositories repos = service.repositories();
        boolean known = push && isName(asked.repository()) && repos.exists(asked.repository());
        Map<String, String> before = known ? repos.branches(asked.repository()) : Map.of();
        final java.io.BufferedInputStream body =
                known && asked.body() != null ? new java.io.BufferedInputStream(asked.body(), PEEK) : null;
        final GitHttpBackend.Request request = body == null
                ? asked
                : new GitHttpBackend.Request(
                        asked.method(),
                        asked.repository(),
                        asked.rest(),
                        asked.query(),
                        asked.contentType(),
                        asked.contentEncoding(),
                        body,
                        asked.contentLength(),
                        asked.remoteUser());
        final boolean sideBand = body != null && PushFeedback.sideBand(firstPacket(body));
        GitHttpBackend.Response response = backend.serve(request);
        if (known && response.status() == 200) {
            final java.util.List<dev.slipway.pipeline.model.PipelineRun> runs = service.pushed(
                    request.repository(),
                    before,
                    repos.branches(request.repository()),
                    request.remoteUser() == null ? "" : request.remoteUser());
            if (response.isReceivePack() && sideBand) {
                return new GitHttpBackend.Response(
                        response.status(),
                        response.headers(),
                        PushFeedback.append(response.body(), PushFeedback.lines(runs, apiUrl)));
            }
        }
        return response;
    }

    /** A pkt-line is at most 65520 bytes: the first command line and its capabilities fit in what is peeked. */
    private static final int PEEK = 65536;

    /** The push's first pkt-line, read ahead and given back to the stream (empty when it cannot be read). */
    private static byte[] firstPacket(java.io.BufferedInputStream body) {
        body.mark(PEEK);
        try {
            final byte[] head = body.readNBytes(4);
            int len = 0;
            try {
                len = head.length == 4
                        ? Integer.parseInt(new String(head, java.nio.charset.StandardCharsets.US_ASCII), 16)
                        : 0;
            } catch (NumberFormatException e) {
                len = 0; // not a pkt-line (gzip): no side band is assumed
            }
            final byte[] rest = len > 4 && len <= PEEK - 4 ? body.readNBytes(len - 4) : new byte[0];
            final byte[] out = java.util.Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, out, head.length, rest.length);
            return out;
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(GitHosting.class).debug("cannot read ahead in a push: {}", e.toString());
            return new byte[0];
        } finally {
            try {
                body.reset();
            } catch (java.io.IOException e) {
                org.slf4j.LoggerFactory.getLogger(GitHosting.class).warn("cannot give a push's first line back", e);
            }
        }
    }

    private static boolean isName(String name) {
        try {
            HostedRepositories.checkName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
