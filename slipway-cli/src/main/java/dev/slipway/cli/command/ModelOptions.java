package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import dev.slipway.model.Parameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --model-uri}, {@code -p NAME=VALUE} and {@code --cache-dir}: the model that {@code serve} and {@code test-model} load. */
final class ModelOptions {

    @Option(
            names = "--model-uri",
            paramLabel = "URI",
            description = "Where the model is: a path, file:, http(s):, s3:, gs:.")
    @Nullable
    String uri;

    @Option(
            names = {"-p", "--param"},
            paramLabel = "NAME=VALUE",
            description = "A model parameter (repeatable), e.g. method=predict_proba.")
    List<String> params = new ArrayList<>();

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "Where remote models are downloaded. Default: $HOME/.slipway/cache.")
    @Nullable
    Path cacheDir;

    /** The {@code -p} parameters (a malformed one is refused naming the option). */
    Parameters parameters() {
        return Parameters.of(KeyValues.parse(params, "--param"));
    }

    /** {@code --cache-dir}, else {@code $HOME/.slipway/cache}. */
    Path cache() {
        return cacheDir != null ? cacheDir : Settings.fromEnvironment().cache();
    }
}
