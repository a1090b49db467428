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

  public GitHttpBackend.Response serve(GitHttpBackend.Request request) {
    return serve(request, null);
  }

  /**
   * Serves {@code request}; a push that started runs is answered with {@code remote:} lines naming them
   * ({@link PushFeedback}), with the command and, when {@code apiUrl} (this server as the pusher reached it) is
   * known, the console page to follow each.
   */
  public GitHttpBackend.Response serve(GitHttpBackend.Request request, String apiUrl) {
    boolean push = "POST".equalsIgnoreCase(request.method()) && "git-receive-pack".equals(request.rest());
    HostedRepositories repos = service.repositories();
    boolean known = push && isName(request.repository()) && repos.exists(request.repository());
    Map<String, String> before = known ? repos.branches(request.repository()) : Map.of();
    GitHttpBackend.Response response = backend.serve(request);
    if (known && response.status() == 200) {
      final java.util.List<dev.slipway.pipeline.model.PipelineRun> runs = service.pushed(request.repository(), before,
          repos.branches(request.repository()), request.remoteUser() == null ? "" : request.remoteUser());
      if (response.isReceivePack() && request.body() != null && PushFeedback.sideBand(request.body())) {
        return new GitHttpBackend.Response(response.status(), response.headers(),
            PushFeedback.append(response.body(), PushFeedback.lines(runs, apiUrl)));
      }
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
