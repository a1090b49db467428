package dev.slipway.gitops.target.local;

import java.util.List;

/** The command line that starts one model server for a {@link LaunchSpec}. */
@FunctionalInterface
public interface ServerCommand {

  /**
   * The command; the server must bind {@code host} on an ephemeral port and print
   * {@code ... listening on http://HOST:PORT} on its output.
   */
  List<String> command(LaunchSpec spec, String host);
}
