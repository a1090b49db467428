package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import dev.slipway.gitops.promote.Promoter;
import dev.slipway.gitops.promote.Promotion;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.PromotionResult;
import dev.slipway.gitops.repo.GitOpsRepository;
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
import picocli.CommandLine.Mixin;
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

    @Mixin
    GitOpsRepositoryOptions gitops = new GitOpsRepositoryOptions();

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

    @Mixin
    ImageAndStrictOptions manifests = new ImageAndStrictOptions();

    @Mixin
    AuthorOptions author = new AuthorOptions();

    @Option(names = "--message", paramLabel = "M", description = "Why (default: names the deployments and commit).")
    String message = "";

    @Override
    public Integer call() {
        gitops.warnOfTokenFlag();
        final Settings settings = Settings.fromEnvironment();
        final String api = settings.env(Settings.URL);
        if (gitops.repository(settings) == null && api != null) {
            return throughApi(api);
        }
        final dev.slipway.gitops.repo.GitOpsLocation location = gitops.location(
                settings,
                "--gitops URL|DIR is required (or SLIPWAY_GITOPS in the environment; in a"
                        + " pipeline step of slipway up, SLIPWAY_URL: the promotion goes through its API)");
        final String who = author.name();
        final String mail = author.email();
        final String[] source = source(from.get(0));
        try (GitOpsRepository repo = GitOpsRepository.open(location, settings.cache())) {
            final PromotionResult r = new Promoter(repo, manifests.parser(), Clock.systemUTC())
                    .promote(new Promotion(
                            env,
                            from,
                            who,
                            mail,
                            message,
                            source[0],
                            source[1],
                            manifests.images,
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
        final String who = author.name();
        final String mail = author.email();
        try {
            final dev.slipway.api.PromoteRequest.Result r = new dev.slipway.client.SlipwayClient(
                            api, System.getenv("SLIPWAY_TOKEN"))
                    .promote(new dev.slipway.api.PromoteRequest(
                            env,
                            relative,
                            manifests.images,
                            message.isBlank() ? null : message,
                            who,
                            mail,
                            manifests.strict));
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
