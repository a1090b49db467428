package dev.slipway.cli.command;

import picocli.CommandLine.Option;

/** The {@code --server URL} option: talk to a {@code slipway up} API instead of reading a runs folder. */
public final class ServerOption {

  @Option(names = "--server", paramLabel = "URL",
      description = "A slipway up API (e.g. http://127.0.0.1:8080) instead of the local runs folder.")
  String url;

  boolean isSet() {
    return url != null && !url.isBlank();
  }

  ServerRuns client() {
    return new ServerRuns(url);
  }
}
