package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import dev.slipway.client.SlipwayClient;
import picocli.CommandLine.Option;

/** The {@code --server URL} option: talk to a {@code slipway up} API instead of reading a runs folder. */
public final class ServerOption {

    @Option(
            names = "--server",
            paramLabel = "URL",
            description =
                    "A slipway up API (e.g. http://127.0.0.1:8080) instead of the local runs folder; env SLIPWAY_URL.")
    String url;

    /** True when {@code --server} was given. */
    boolean isSet() {
        return url != null && !url.isBlank();
    }

    /** A client of {@code --server} (else {@code SLIPWAY_URL}, else the default) with {@code SLIPWAY_TOKEN}. */
    SlipwayClient client() {
        return Settings.fromEnvironment().client(url);
    }
}
