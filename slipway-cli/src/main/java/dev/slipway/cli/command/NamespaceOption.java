package dev.slipway.cli.command;

import dev.slipway.support.DnsLabel;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code -n NS}: the namespace of the deployment a command is about ({@code get}, {@code delete}, {@code logs}). */
final class NamespaceOption {

    static final String DEFAULT = "default";

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "The deployment's namespace. Default: " + DEFAULT + ".")
    @Nullable
    String namespace;

    /** {@code -n} (a DNS label, else refused), or null when not given. */
    @Nullable
    String given() {
        return namespace == null ? null : DnsLabel.require("--namespace", namespace);
    }

    /** {@code -n} (a DNS label, else refused), else {@value #DEFAULT}. */
    String orDefault() {
        final String given = given();
        return given == null ? DEFAULT : given;
    }
}
