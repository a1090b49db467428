package dev.slipway.pipeline.secret;

import dev.slipway.pipeline.model.PipelineKind;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which runs may have a credential: repositories (hosted names such as {@code news}, or the URL or folder a
 * run checks out; {@code *} is any), branches ({@code *} any; globs with {@code *}) and pipelines. The default,
 * also for credentials stored before scopes existed, is any repository and branch but the {@code release}
 * pipeline only: a pull-request run (anyone's branch) gets no credential unless its scope says so.
 *
 * @param repositories repository names, URLs or folders, or globs over them
 * @param branches branch globs
 * @param pipelines the pipelines that may name it
 */
public record CredentialScope(List<String> repositories, List<String> branches, List<PipelineKind> pipelines) {

    /** Any repository and branch, the release pipeline only. */
    public static final CredentialScope DEFAULT =
            new CredentialScope(List.of("*"), List.of("*"), List.of(PipelineKind.release));

    public CredentialScope {
        repositories = List.copyOf(repositories.isEmpty() ? List.of("*") : repositories);
        branches = List.copyOf(branches.isEmpty() ? List.of("*") : branches);
        pipelines = List.copyOf(pipelines.isEmpty() ? List.of(PipelineKind.release) : pipelines);
    }

    /**
     * Why a run of {@code repository} (a URL or folder), {@code branch} and {@code kind} may not have the
     * credential, naming the scope; null when it may.
     */
    public String refusal(String repository, String branch, PipelineKind kind) {
        Objects.requireNonNull(repository, "repository");
        if (!pipelines.contains(kind)) {
            return "its scope allows the "
                    + String.join(
                            ", ", pipelines.stream().map(PipelineKind::yamlName).toList()) + " pipeline"
                    + (pipelines.size() > 1 ? "s" : "") + ", not " + kind.yamlName();
        }
        String name = hostedName(repository);
        if (repositories.stream().noneMatch(g -> glob(g, repository) || glob(g, name))) {
            return "its scope allows repositories " + repositories + ", not " + name;
        }
        if (branches.stream().noneMatch(g -> glob(g, branch == null ? "" : branch))) {
            return "its scope allows branches " + branches + ", not '" + branch + "'";
        }
        return null;
    }

    /** A short description ({@code repositories=[*] branches=[*] pipelines=[release]}). */
    public String describe() {
        return "repositories=" + repositories + " branches=" + branches + " pipelines="
                + pipelines.stream().map(PipelineKind::yamlName).toList();
    }

    /** The last path segment without {@code .git} ({@code DATA/git/news.git} and {@code https://h/o/news.git} → news). */
    static String hostedName(String repository) {
        String r = repository.replaceAll("[/\\\\]+$", "");
        int slash = Math.max(r.lastIndexOf('/'), Math.max(r.lastIndexOf('\\'), r.lastIndexOf(':')));
        String last = r.substring(slash + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }

    private static boolean glob(String glob, String text) {
        String regex = String.join(
                ".*",
                java.util.Arrays.stream(glob.split("\\*", -1))
                        .map(Pattern::quote)
                        .toList());
        return Pattern.compile(regex).matcher(text).matches();
    }
}
