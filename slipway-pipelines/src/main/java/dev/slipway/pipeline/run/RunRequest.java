package dev.slipway.pipeline.run;

import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.Trigger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to run.
 *
 * @param repository a local repository folder or a URL git can clone
 * @param revision the commit, branch or tag to check out
 * @param branch the branch the commit is on (GIT_BRANCH), or empty
 * @param kind which pipeline of the file to run
 * @param trigger what asked for the run
 * @param variables extra run variables for every step (e.g. SLIPWAY_URL); values are not secret
 * @param token a run-scoped token the steps get as SLIPWAY_TOKEN (masked in logs), or null
 * @param launcherDir the folder holding the {@code slipway} launcher, put first on PATH, or null
 */
public record RunRequest(
        String repository,
        String revision,
        String branch,
        PipelineKind kind,
        Trigger trigger,
        Map<String, String> variables,
        String token,
        Path launcherDir) {

    public RunRequest {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trigger, "trigger");
        branch = branch == null ? "" : branch;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** A manual run of a local repository's commit. */
    public static RunRequest manual(String repository, String revision, String branch, PipelineKind kind) {
        return new RunRequest(
                repository,
                revision,
                branch,
                kind,
                Trigger.manual(System.getProperty("user.name", "")),
                Map.of(),
                null,
                null);
    }

    public RunRequest withLauncher(Path dir) {
        return new RunRequest(repository, revision, branch, kind, trigger, variables, token, dir);
    }

    public RunRequest withServer(Map<String, String> vars, String runToken) {
        return new RunRequest(repository, revision, branch, kind, trigger, vars, runToken, launcherDir);
    }
}
