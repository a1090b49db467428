package dev.slipway.cli.command;

import dev.slipway.kubernetes.render.ObjectWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -o yaml|json} of the commands that print Kubernetes objects ({@code render}, {@code install --print},
 * {@code gitops argocd}), one document per object, through {@link ObjectWriter}.
 */
final class ManifestOutput {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "yaml (default) or json.")
    String output = "yaml";

    /** The format asked for (refused naming the value when it is neither). */
    ObjectWriter.Format format() {
        return ObjectWriter.Format.parse(output);
    }

    /** Prints {@code objects} in that format. */
    void print(PrintWriter out, List<HasMetadata> objects) {
        out.print(new ObjectWriter().write(objects, format()));
        out.flush();
    }
}
