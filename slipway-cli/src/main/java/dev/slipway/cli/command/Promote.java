package dev.slipway.cli.command;

import dev.slipway.gitops.promote.Promoter;
import dev.slipway.gitops.promote.Promotion;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.PromotionResult;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway promote}: copies a model repository's manifests into an environment of the GitOps repository. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Promote manifests into an environment: a commit on main for an automatic environment, a"
                + " promotion request (branch promotion/ID) for an approval one. Relative modelUris are pinned to"
                + " content-addressed copies under artifacts/. Exit 0 also when nothing changed.")
public final class Promote implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Promote.class);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--gitops",
            paramLabel = "URL|DIR",
            description =
                    "The GitOps repository; env SLIPWAY_GITOPS (set in pipeline steps of a slipway up that follows one).")
    String gitops = System.getenv("SLIPWAY_GITOPS");

    @Option(names = "--gitops-user", paramLabel = "USER", description = "HTTPS user; env SLIPWAY_GITOPS_USER.")
    String user = System.getenv("SLIPWAY_GITOPS_USER");

    @Option(
            names = "--gitops-token",
            paramLabel = "TOKEN",
            hidden = true,
            description = "Deprecated (visible in ps): use env SLIPWAY_GITOPS_TOKEN.")
    String token = System.getenv("SLIPWAY_GITOPS_TOKEN");

    @Option(
            names = "--env",
            required = true,
            paramLabel = "ENV",
            description = "The environment (staging, production).")
    String env;

    @Option(
            names = "--from",
            required = true,
            split = ",",
            paramLabel = "DIR|FILE",
            description = "Manifest files or folders (.yaml/.yml/.json) of the model repository.")
    List<Path> from = new ArrayList<>();

    @Option(
            names = "--set-image",
            paramLabel = "NAME=NAME:VERSION",
            description =
                    "Set the image of every container whose image is named NAME (kustomize's 'set image'), e.g. the"
                            + " build a pipeline just published: --set-image my-server=my-server:$VERSION. Repeatable.")
    List<String> images = new ArrayList<>();

    @Option(names = "--author", paramLabel = "NAME", description = "Default: $GIT_AUTHOR_NAME, else $USER.")
    String author;

    @Option(names = "--email", paramLabel = "E", description = "Default: $GIT_AUTHOR_EMAIL.")
    String email;

    @Option(names = "--message", paramLabel = "M", description = "Why (default: names the deployments and commit).")
    String message = "";

    @Option(
            names = "--strict",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Unknown fields in the manifests (e.g. 'trafic:') are errors. Default: on; --no-strict makes"
                    + " them warnings.")
    boolean strict = true;

    @Override
    public Integer call() {
        Deprecations.tokenFlag(spec, "--gitops-token", "SLIPWAY_GITOPS_TOKEN");
        final String api = System.getenv("SLIPWAY_URL");
        if ((gitops == null || gitops.isBlank()) && api != null && !api.isBlank()) {
            return throughApi(api);
        }
        if (gitops == null || gitops.isBlank()) {
            throw new IllegalArgumentException(
                    "--gitops URL|DIR is required (or SLIPWAY_GITOPS in the environment; in a"
                            + " pipeline step of slipway up, SLIPWAY_URL: the promotion goes through its API)");
        }
        final String who = author != null
                ? author
                : firstNonBlank(System.getenv("GIT_AUTHOR_NAME"), System.getenv("USER"), "slipway");
        final String mail = email != null ? email : firstNonBlank(System.getenv("GIT_AUTHOR_EMAIL"), "", "");
        final String[] source = source(from.get(0));
        final Path cache = dev.slipway.cli.backend.Settings.fromEnvironment().cache();
        try (GitOpsRepository repo =
                GitOpsRepository.open(new dev.slipway.gitops.repo.GitOpsLocation(gitops, user, token), cache)) {
            final PromotionResult r = new Promoter(
                            repo, new SpecParser().strict(strict).requiringLocalModels(), Clock.systemUTC())
                    .promote(new Promotion(
                            env,
                            from,
                            who,
                            mail,
                            message,
                            source[0],
                            source[1],
                            images,
                            firstNonBlank(System.getenv("SLIPWAY_RUN_ID"), "", "")));
            spec.commandLine().getOut().println(r.summary());
            if (r.request() != null) {
                spec.commandLine().getOut().println("id: " + r.request().id());
            }
            return 0;
        } catch (PromotionException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return e.kind() == PromotionException.Kind.INVALID ? 2 : 1;
        }
    }

    /**
     * In a pipeline step of {@code slipway up} (SLIPWAY_URL and SLIPWAY_TOKEN set, no GitOps repository given): the
     * run's own commit is promoted by the server — it checks the commit out itself — naming the {@code --from} paths
     * relative to the repository's root. The step never touches the GitOps repository.
     */
    private int throughApi(String api) {
        final Path root = repositoryRoot(from.get(0));
        final List<String> relative = new ArrayList<>();
        for (final Path f : from) {
            final Path abs = f.toAbsolutePath().normalize();
            if (root == null || !abs.startsWith(root)) {
                throw new IllegalArgumentException("--from " + f + ": not inside the run's repository (" + root + ")");
            }
            relative.add(
                    root.relativize(abs).toString().isEmpty()
                            ? "."
                            : root.relativize(abs).toString().replace('\\', '/'));
        }
        final String who = author != null
                ? author
                : firstNonBlank(System.getenv("GIT_AUTHOR_NAME"), System.getenv("USER"), "slipway");
        final String mail = email != null ? email : firstNonBlank(System.getenv("GIT_AUTHOR_EMAIL"), "", "");
        try {
            final dev.slipway.api.PromoteRequest.Result r = new dev.slipway.client.SlipwayClient(
                            api, System.getenv("SLIPWAY_TOKEN"))
                    .promote(new dev.slipway.api.PromoteRequest(
                            env, relative, images, message.isBlank() ? null : message, who, mail, strict));
            spec.commandLine().getOut().println(r.summary());
            if (r.request() != null) {
                spec.commandLine().getOut().println("id: " + r.request().id());
            }
            return 0;
        } catch (dev.slipway.client.SlipwayException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return e.badRequest() ? 2 : 1;
        }
    }

    /** The work tree holding {@code from} (absolute, normalized), or null when it is in no git repository. */
    private static Path repositoryRoot(Path from) {
        final Path start =
                (Files.isDirectory(from) ? from : from.toAbsolutePath().getParent()).toAbsolutePath();
        final FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(start.toFile());
        if (b.getGitDir() == null) {
            return null;
        }
        return b.getGitDir().toPath().toAbsolutePath().normalize().getParent();
    }

    /** The model repository (its origin, else its folder) and commit ({@code GIT_COMMIT}, else its HEAD). */
    private static String[] source(Path from) {
        String commit = firstNonBlank(System.getenv("GIT_COMMIT"), "", "");
        String repository = "";
        final Path start =
                Files.isDirectory(from) ? from : from.toAbsolutePath().getParent();
        final FileRepositoryBuilder b =
                new FileRepositoryBuilder().findGitDir(start.toAbsolutePath().toFile());
        if (b.getGitDir() != null) {
            try (Repository r = b.build()) {
                final String origin = r.getConfig().getString("remote", "origin", "url");
                repository = origin != null ? origin : r.getWorkTree().toString();
                if (commit.isEmpty() && r.resolve("HEAD") != null) {
                    commit = r.resolve("HEAD").name();
                }
            } catch (Exception e) {
                // not a readable repository: no source information
                LOG.debug("not a readable repository: no source information", e);
            }
        }
        return new String[] {repository, commit};
    }

    private static String firstNonBlank(String a, String b, String c) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : c;
    }
}
