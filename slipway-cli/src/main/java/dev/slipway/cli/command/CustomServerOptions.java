package dev.slipway.cli.command;

import dev.slipway.artifact.ArtifactSource;
import dev.slipway.artifact.ArtifactStore;
import dev.slipway.artifact.ImageResolver;
import dev.slipway.artifact.RemoteArtifacts;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.gitops.spec.SpecException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where custom servers come from, for commands that run them outside {@code slipway up} ({@code e2e},
 * {@code test-model}): the servers registry ({@code --servers FILE}, or {@code servers.yaml} on main of
 * {@code --gitops}) and the artifacts their images name ({@code --artifacts}: the API of slipway up, or a store
 * folder). Pipeline steps of slipway up get both from their environment ({@code SLIPWAY_GITOPS}, {@code SLIPWAY_URL}).
 */
public final class CustomServerOptions {

    @Option(
            names = "--servers",
            paramLabel = "FILE",
            description = "A servers registry (servers.yaml) for implementation names of reusable custom servers.")
    Path servers;

    @Option(
            names = "--gitops",
            paramLabel = "URL|DIR",
            description =
                    "Take the servers registry from servers.yaml on main of this GitOps repository; env SLIPWAY_GITOPS.")
    String gitops = System.getenv("SLIPWAY_GITOPS");

    @Option(
            names = "--artifacts",
            paramLabel = "URL|DIR",
            description =
                    "Where container images NAME:VERSION come from: the API of slipway up (env SLIPWAY_URL, set in"
                            + " its pipeline steps) or a store folder.")
    String artifacts = System.getenv("SLIPWAY_URL");

    /** The registry named by the options; empty when none is. */
    ServerRegistry registry() {
        try {
            if (servers != null) {
                if (!Files.isRegularFile(servers)) {
                    throw new IllegalArgumentException("--servers " + servers + ": no such file");
                }
                return ServerRegistry.parse(Files.readAllBytes(servers), servers.toString());
            }
            if (gitops != null && !gitops.isBlank()) {
                try (GitOpsRepository repo = GitOpsRepository.open(
                        new GitOpsLocation(
                                gitops, System.getenv("SLIPWAY_GITOPS_USER"), System.getenv("SLIPWAY_GITOPS_TOKEN")),
                        dev.slipway.cli.backend.Settings.fromEnvironment().cache())) {
                    return Servers.read(repo, repo.main());
                }
            }
            if (artifacts != null && artifacts.startsWith("http")) {
                // a pipeline step of slipway up: the registry of the GitOps repository it follows, through its API
                final java.util.List<dev.slipway.gitops.spec.RegisteredServer> all = new java.util.ArrayList<>();
                new dev.slipway.client.SlipwayClient(artifacts, System.getenv("SLIPWAY_TOKEN"))
                        .servers(false)
                        .servers()
                        .forEach((name, server) -> all.add(new dev.slipway.gitops.spec.RegisteredServer(
                                name, server.image(), server.modelClass())));
                return ServerRegistry.of(all);
            }
            return ServerRegistry.empty();
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("--servers " + servers + ": cannot read: " + e.getMessage());
        }
    }

    /** Where the registry comes from, for messages. */
    String registrySource() {
        if (servers != null) {
            return "--servers " + servers;
        }
        if (gitops != null && !gitops.isBlank()) {
            return "servers.yaml of " + gitops;
        }
        return artifacts != null && artifacts.startsWith("http")
                ? "the servers of " + artifacts
                : "no servers registry (--servers, --gitops)";
    }

    /** Resolves images into a store under {@code dir}, from the {@code --artifacts} store or server. */
    ImageResolver images(Path dir) {
        if (artifacts != null && !artifacts.isBlank() && !artifacts.startsWith("http")) {
            final ArtifactStore store = new ArtifactStore(Path.of(artifacts));
            return new ImageResolver(store, dir.resolve("artifacts-cache"), null);
        }
        final ArtifactSource remote = artifacts == null || artifacts.isBlank()
                ? null
                : new RemoteArtifacts(URI.create(artifacts), System.getenv("SLIPWAY_TOKEN"));
        return new ImageResolver(new ArtifactStore(dir.resolve("artifacts")), dir.resolve("artifacts/cache"), remote);
    }
}
