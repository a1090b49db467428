package dev.slipway.cli.command;

import dev.slipway.support.DnsLabel;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code -f FILE|DIR} and {@code -n NS}: the SeldonDeployment manifests {@code deploy} and {@code e2e} apply. */
final class ManifestFiles {

    @Option(
            names = {"-f", "--file"},
            required = true,
            paramLabel = "FILE|DIR",
            description = "Manifest file or folder.")
    Path path;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "Namespace of manifests that name none. Default: default.")
    @Nullable
    String namespace;

    /** {@code -n} (a DNS label, else refused), or null when not given. */
    @Nullable
    String namespace() {
        return namespace == null ? null : DnsLabel.require("--namespace", namespace);
    }
}
