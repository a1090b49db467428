package dev.slipway.cli.command;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.kubernetes.render.ArgoApplications;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slipway gitops argocd --env ENV --repo-url URL [--cluster URL] [--project P]}: an ArgoCD Application per
 * environment, for teams that let ArgoCD sync instead of Slipway.
 */
@Command(
        name = "argocd",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print an ArgoCD Application (argoproj.io/v1alpha1) per environment: the environment's folder on"
                    + " main synced into its namespace (automated, prune, self-heal).",
            "With --gitops the folders and namespaces come from environments.yaml; without it, folder = namespace = ENV."
        })
final class GitopsArgocd implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", paramLabel = "ENV", required = true, description = "An environment (repeatable).")
    List<String> envs = new ArrayList<>();

    @Option(
            names = "--repo-url",
            paramLabel = "URL",
            required = true,
            description = "The GitOps repository as ArgoCD reaches it.")
    String repoUrl;

    @Option(names = "--cluster", paramLabel = "URL", description = "Destination API server. Default: ${DEFAULT-VALUE}.")
    String cluster = ArgoApplications.IN_CLUSTER;

    @Option(names = "--project", paramLabel = "P", description = "ArgoCD project. Default: ${DEFAULT-VALUE}.")
    String project = "default";

    @Mixin
    ManifestOutput output = new ManifestOutput();

    @Mixin
    GitOpsOptionsMixin gitops;

    @Override
    public Integer call() {
        if (!repoUrl.matches("(https?|ssh|git)://\\S+|git@\\S+:\\S+")) {
            throw new IllegalArgumentException(
                    "--repo-url: '" + repoUrl + "' is not a git URL (https://…, ssh://…," + " git@host:path)");
        }
        if (!cluster.matches("https?://\\S+")) {
            throw new IllegalArgumentException("--cluster: '" + cluster + "' is not an API server URL (https://…)");
        }
        final List<Environment> selected = new ArrayList<>();
        final Environments known = gitops.environments();
        for (final String name : envs) {
            selected.add(
                    known != null
                            ? known.require(name)
                            : new Environment(
                                    name,
                                    name,
                                    name,
                                    "local",
                                    dev.slipway.gitops.env.PromotionPolicy.AUTO,
                                    List.of(),
                                    null,
                                    null));
        }
        final List<HasMetadata> apps = new ArrayList<>(
                new ArgoApplications().render(selected, new ArgoApplications.Options(repoUrl, cluster, project)));
        output.print(spec.commandLine().getOut(), apps);
        return 0;
    }

    /** {@code --gitops DIR|URL}: where environments.yaml is read, if given. */
    static final class GitOpsOptionsMixin {
        @Option(
                names = "--gitops",
                paramLabel = "URL|DIR",
                description =
                        "The GitOps repository whose environments.yaml names folders and namespaces; env SLIPWAY_GITOPS.")
        String gitops = System.getenv("SLIPWAY_GITOPS");

        Environments environments() {
            if (gitops == null || gitops.isBlank()) {
                return null;
            }
            final GitOpsOptions options = new GitOpsOptions();
            options.repository.repository = gitops;
            try (GitOpsRepository repo = options.open()) {
                final var head = repo.ref(GitOpsRepository.MAIN)
                        .orElseThrow(() -> new IllegalArgumentException("--gitops " + gitops + ": no branch main"));
                return Environments.parse(
                        repo.trees()
                                .read(head, Environments.FILE)
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "--gitops " + gitops + ": no " + Environments.FILE + " on main")),
                        Environments.FILE);
            }
        }
    }
}
