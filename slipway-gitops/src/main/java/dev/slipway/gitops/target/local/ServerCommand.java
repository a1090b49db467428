package dev.slipway.gitops.target.local;

import java.nio.file.Path;
import java.util.List;

/** The command line that starts one model server for a {@link LaunchSpec}. */
@FunctionalInterface
public interface ServerCommand {

    /**
     * The command; the server must bind {@code host} on an ephemeral port and print
     * {@code ... listening on http://HOST:PORT} on its output.
     */
    List<String> command(LaunchSpec spec, String host);

    /**
     * The command for a replica whose output goes to {@code logFile}: a command may put its own reports beside it
     * (see {@link #crashReportGlob(Path)}). By default the same as {@link #command(LaunchSpec, String)}.
     */
    default List<String> command(LaunchSpec spec, String host, Path logFile) {
        return command(spec, host);
    }

    /**
     * The crash report a process started with {@link #command(LaunchSpec, String, Path)} writes when it dies with
     * {@code pid}, or null when this command writes none.
     */
    default Path crashReport(Path logFile, long pid) {
        return null;
    }

    /**
     * Stops what this command runs by itself beside the replicas (a {@link JavaServerCommand}'s CDS training runs):
     * the runtime calls it when it closes, so a stopped {@code slipway up} leaves no process. By default nothing.
     */
    default void stopHelpers() {}
}
