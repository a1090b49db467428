package dev.slipway.gitops.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a Kubernetes container the local runtime reads.
 *
 * @param name the container's name (a graph node's name)
 * @param image its image, or null
 * @param command its command
 * @param args its arguments
 * @param env its literal environment variables ({@code valueFrom} entries are reported and skipped)
 */
public record Container(String name, String image, List<String> command, List<String> args, Map<String, String> env) {

    /** Environment variable naming the Java class of a custom model server. */
    public static final String MODEL_CLASS_ENV = "SLIPWAY_MODEL_CLASS";

    /** Environment variable naming the classpath (jars, ':'-separated) of a custom model server. */
    public static final String MODEL_CLASSPATH_ENV = "SLIPWAY_MODEL_CLASSPATH";

    public Container {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** The custom server class, from {@code SLIPWAY_MODEL_CLASS} or an argument {@code --class X}. */
    public Optional<String> modelClass() {
        return setting(MODEL_CLASS_ENV, "--class");
    }

    /** The custom server classpath, from {@code SLIPWAY_MODEL_CLASSPATH} or {@code --classpath X}. */
    public Optional<String> modelClasspath() {
        return setting(MODEL_CLASSPATH_ENV, "--classpath");
    }

    private Optional<String> setting(String envName, String flag) {
        if (env.containsKey(envName) && !env.get(envName).isBlank()) {
            return Optional.of(env.get(envName));
        }
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (arg.equals(flag) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (arg.startsWith(flag + "=")) {
                return Optional.of(arg.substring(flag.length() + 1));
            }
        }
        return Optional.empty();
    }
}
