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
        boolean push = "POST".equalsIgnoreCase(request.method()) && "git-receive-pack".equals(request.rest());
        HostedRepositories repos = service.repositories();
        boolean known = push && isName(request.repository()) && repos.exists(request.repository());
        Map<String, String> before = known ? repos.branches(request.repository()) : Map.of();
        GitHttpBackend.Response response = backend.serve(request);
        if (known && response.status() == 200) {
            service.pushed(
                    request.repository(),
                    before,
                    repos.branches(request.repository()),
                    request.remoteUser() == null ? "" : request.remoteUser());
        }
        return response;
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
