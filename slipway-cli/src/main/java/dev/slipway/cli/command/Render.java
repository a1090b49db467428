package dev.slipway.cli.command;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.kubernetes.render.RenderMode;
import dev.slipway.kubernetes.render.RenderOptions;
import dev.slipway.kubernetes.render.Renderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slipway render -f FILE|DIR --mode native|seldon [--namespace NS] [-o yaml|json]}: prints exactly the objects
 * the Kubernetes target would apply, one document per object, for kubectl or a team's own ArgoCD.
 */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the Kubernetes objects a SeldonDeployment becomes (what a kind: kubernetes environment"
                    + " applies), ready for kubectl apply -f -.",
            "native: Deployments, Services, PDBs, HPAs and the gateway, running Slipway's own server; seldon: the"
                    + " SeldonDeployment resource for Seldon Core's operator."
        })
public final class Render implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-f", "--filename"},
            paramLabel = "FILE|DIR",
            required = true,
            description = "A SeldonDeployment manifest (YAML or JSON), or a folder of them.")
    Path file;

    @Option(names = "--mode", paramLabel = "MODE", required = true, description = "native or seldon.")
    String mode;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "Namespace of every object. Default: each manifest's own, else 'default'.")
    String namespace;

    @Mixin
    ManifestOutput output = new ManifestOutput();

    @Option(
            names = "--server-image",
            paramLabel = "IMAGE",
            description = "Image of Slipway's model server and gateway (mode native). Default: ${DEFAULT-VALUE}.")
    String serverImage = RenderOptions.DEFAULT_SERVER_IMAGE;

    @Override
    public Integer call() {
        final RenderMode m = RenderMode.parse(mode, "--mode");
        output.format(); // a bad -o is refused before anything is read
        final List<Manifest> manifests = new SpecParser().parseAll(file);
        if (manifests.isEmpty()) {
            throw new IllegalArgumentException(
                    "-f " + file + ": no SeldonDeployment manifest (.yaml, .yml, .json) found");
        }
        final Map<String, List<Manifest>> byNamespace = new LinkedHashMap<>();
        for (final Manifest manifest : manifests) {
            final String ns = namespace != null
                    ? namespace
                    : manifest.deployment().namespace().orElse("default");
            byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(manifest);
        }
        final Renderer renderer = new Renderer();
        final List<HasMetadata> objects = new ArrayList<>();
        byNamespace.forEach((ns, list) -> objects.addAll(renderer.all(list, new RenderOptions(m, ns, serverImage))));
        output.print(spec.commandLine().getOut(), objects);
        return 0;
    }
}
