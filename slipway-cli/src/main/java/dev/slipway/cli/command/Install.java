package dev.slipway.cli.command;

import dev.slipway.kubernetes.render.InstallManifests;
import dev.slipway.kubernetes.render.RenderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway install --print [--namespace NS]}: the manifests that run {@code slipway up} in a cluster. */
@Command(
        name = "install",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the manifests that run slipway up in a cluster (kubectl apply -f -): Namespace,"
                    + " ServiceAccount, a Role and RoleBinding per environment namespace (only what Slipway applies there),"
                    + " PersistentVolumeClaim for its data folder, Deployment, Service.",
            "Pipeline steps keep running as processes of slipway up inside its pod."
        })
public final class Install implements Callable<Integer> {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @Spec
    CommandSpec spec;

    @Option(names = "--print", required = true, description = "Print the manifests (Slipway applies nothing itself).")
    boolean print;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "Where slipway up runs. Default: ${DEFAULT-VALUE}.")
    String namespace = "slipway";

    @Option(
            names = "--env-namespace",
            paramLabel = "NS",
            description = "A namespace its environments deploy to (repeatable). Default: staging and production.")
    List<String> environmentNamespaces = new ArrayList<>();

    @Option(
            names = "--image",
            paramLabel = "IMAGE",
            description = "Image of Slipway's distribution (slipway image build)." + " Default: ${DEFAULT-VALUE}.")
    String image = RenderOptions.DEFAULT_SERVER_IMAGE;

    @Option(
            names = "--storage",
            paramLabel = "SIZE",
            description = "Size of the data volume. Default: ${DEFAULT-VALUE}.")
    String storage = "20Gi";

    @Mixin
    ManifestOutput output = new ManifestOutput();

    @Override
    public Integer call() {
        final List<String> namespaces =
                environmentNamespaces.isEmpty() ? List.of("staging", "production") : environmentNamespaces;
        for (final String ns : concat(namespace, namespaces)) {
            if (!DNS_LABEL.matcher(ns).matches()) {
                throw new IllegalArgumentException("'" + ns + "' is not a namespace (a DNS label: a-z, 0-9, -)");
            }
        }
        if (!storage.matches("[0-9]+(Ki|Mi|Gi|Ti)")) {
            throw new IllegalArgumentException("--storage: '" + storage + "' is not a size such as 20Gi");
        }
        output.print(
                spec.commandLine().getOut(),
                new InstallManifests().render(new InstallManifests.Options(namespace, image, namespaces, storage)));
        return 0;
    }

    private static List<String> concat(String first, List<String> rest) {
        final List<String> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }
}
