package dev.slipway.cli.command;

import dev.slipway.gitops.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --set-image} and {@code --strict} (on by default) of the commands that take a model repository's manifests on
 * towards an environment ({@code promote}, {@code e2e}).
 */
final class ImageAndStrictOptions {

    @Option(
            names = "--set-image",
            paramLabel = "NAME=NAME:VERSION",
            description =
                    "Set the image of every container whose image is named NAME (kustomize's 'set image'), e.g. the"
                            + " build a pipeline just published: --set-image my-server=my-server:$VERSION. Repeatable.")
    List<String> images = new ArrayList<>();

    @Option(
            names = "--strict",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Unknown fields in the manifests (e.g. 'trafic:') are errors. Default: on; --no-strict makes"
                    + " them warnings.")
    boolean strict = true;

    /** The parser of those manifests: strict as asked, local model URIs required. */
    SpecParser parser() {
        return new SpecParser().strict(strict).requiringLocalModels();
    }
}
