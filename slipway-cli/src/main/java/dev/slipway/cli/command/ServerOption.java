package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import dev.slipway.client.SlipwayClient;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --server URL}, the one declaration of the option: a {@code slipway up} API, resolved by {@link Settings}
 * ({@code --server}, else {@code SLIPWAY_URL}, else {@value SlipwayClient#DEFAULT_URL} for the commands that only talk
 * to it). {@link DataOrServer} and {@link GitOpsOptions} use it where the API replaces a local folder or repository.
 */
public final class ServerOption {

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The API of slipway up, instead of this machine's data folder or a GitOps repository where"
                    + " a command can use either; env SLIPWAY_URL (--data-dir and --gitops win over it). Commands that"
                    + " only talk to the API default to "
                    + SlipwayClient.DEFAULT_URL
                    + ".")
    @Nullable
    String url;

    /** The API's URL: {@code --server}, else {@code SLIPWAY_URL}, else the default. */
    String url() {
        return Settings.fromEnvironment().server(url);
    }

    /** True when {@code --server} was given. */
    boolean given() {
        return url != null && !url.isBlank();
    }

    /** A client of {@link #url()} with {@code SLIPWAY_TOKEN}. */
    SlipwayClient client() {
        return Settings.fromEnvironment().client(url);
    }
}
