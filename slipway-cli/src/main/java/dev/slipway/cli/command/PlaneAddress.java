package dev.slipway.cli.command;

import picocli.CommandLine.Option;

/** Where a control plane listens: {@code --host}, {@code --gateway-port}, {@code --api-port} ({@code up}, {@code quickstart}). */
final class PlaneAddress {

    @Option(
            names = "--gateway-port",
            description = "Gateway port (Ambassador's role; 0: a free one). Default: ${DEFAULT-VALUE}.")
    int gatewayPort = 8003;

    @Option(
            names = "--api-port",
            description = "REST API and git hosting port (0: a free one). Default: ${DEFAULT-VALUE}.")
    int apiPort = 8080;

    @Option(names = "--host", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";
}
