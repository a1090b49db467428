package dev.slipway.cli.command;

import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway deploy -f FILE|DIR}: applies SeldonDeployment manifests to a running control plane. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Apply SeldonDeployment manifests (a file or a folder) to 'slipway up'. Relative modelUris"
                + " resolve against the manifest's folder. Invalid manifests are refused before anything is sent.")
public final class Deploy implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestFiles files = new ManifestFiles();

    @Mixin
    ServerOption server = new ServerOption();

    @Option(names = "--wait", description = "Wait until every replica is ready (or the rollout fails).")
    boolean await;

    @Option(
            names = "--force",
            description = "Also deploy over a deployment that a GitOps environment manages (it shows "
                    + "OutOfSync until self-heal puts the repository's version back).")
    boolean force;

    @Option(
            names = "--strict",
            negatable = true,
            description = "Unknown fields (e.g. 'trafic:') are errors, not" + " warnings. Default: off (--no-strict).")
    boolean strict;

    @Option(
            names = "--timeout",
            defaultValue = "5m",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long --wait waits. Default: ${DEFAULT-VALUE}.")
    Duration timeout = Duration.ofMinutes(5);

    @Override
    public Integer call() throws Exception {
        final String namespace = files.namespace();
        final List<Manifest> manifests;
        try {
            manifests = new SpecParser().strict(strict).requiringLocalModels().parseAll(files.path);
        } catch (SpecException e) {
            spec.commandLine().getErr().println("error: invalid manifest, nothing was deployed:");
            e.lines().forEach(p -> spec.commandLine().getErr().println("  " + p));
            return 2;
        }
        final SlipwayClient api = server.client();
        int status = 0;
        for (final Manifest m : manifests) {
            final String ns = m.deployment().namespace().orElse(namespace == null ? "default" : namespace);
            final String name = m.deployment().name();
            m.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            try {
                if (await) {
                    api.applyAndWait(ns, name, m.resolvedJson(), timeout, force);
                } else {
                    api.apply(ns, name, m.resolvedJson(), force);
                }
                spec.commandLine()
                        .getOut()
                        .println("seldondeployment " + ns + "/" + name + (await ? " ready" : " configured"));
            } catch (SlipwayException e) {
                spec.commandLine().getErr().println("error: " + ns + "/" + name + ": " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
