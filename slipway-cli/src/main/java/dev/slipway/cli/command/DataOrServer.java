package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import dev.slipway.client.SlipwayClient;
import picocli.CommandLine.Mixin;

/**
 * Where the commands that read {@code slipway up}'s state either way ({@code pipeline …}, {@code logs}) read it: its
 * API with {@code --server}, or with {@code SLIPWAY_URL} (as in pipeline steps) unless {@code --data-dir} is given;
 * otherwise the data folder on this machine.
 */
final class DataOrServer {

    @Mixin
    DataDir data = new DataDir();

    @Mixin
    ServerOption server = new ServerOption();

    /** True when the API is to be asked rather than the data folder. */
    boolean remote(Settings settings) {
        return server.given() || !data.isSet() && settings.chosenServer(null).isPresent();
    }

    /** A client of the API ({@code --server}, else {@code SLIPWAY_URL}, else the default). */
    SlipwayClient client(Settings settings) {
        return settings.client(server.url);
    }
}
