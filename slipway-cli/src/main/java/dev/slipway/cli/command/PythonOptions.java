package dev.slipway.cli.command;

import dev.slipway.model.Parameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --python*} options of {@code serve} and {@code test-model}, and what they become: the PYTHON runtime's
 * parameters ({@code slipway.python.dir}, {@code .class}, {@code .exec}, {@code .workers}, {@code .timeout}).
 */
final class PythonOptions {

    /** The runtime's implementation name. */
    static final String RUNTIME = "PYTHON";

    @Option(
            names = "--python",
            paramLabel = "DIR",
            description = "A folder holding a Seldon Python model class (served by Python workers).")
    @Nullable
    Path dir;

    @Option(
            names = "--python-class",
            paramLabel = "NAME",
            description = "The class (Class in Class.py, or module.Class). Default: MODEL_NAME of .s2i/environment,"
                    + " environment or environment_rest, else the only class.")
    @Nullable
    String cls;

    @Option(
            names = "--python-exec",
            paramLabel = "PATH",
            description = "The Python interpreter. Default: env SLIPWAY_PYTHON, else python3 on PATH.")
    @Nullable
    String exec;

    /** True when {@code --python DIR} was given. */
    boolean given() {
        return dir != null;
    }

    /** {@code user}'s parameters and the runtime's for {@code --python DIR} (given). */
    Parameters parameters(Parameters user, @Nullable Integer workers, @Nullable Duration timeout) {
        return parameters(user, java.util.Objects.requireNonNull(dir, "--python"), cls, exec, workers, timeout);
    }

    static Parameters parameters(
            Parameters user,
            Path dir,
            @Nullable String cls,
            @Nullable String exec,
            @Nullable Integer workers,
            @Nullable Duration timeout) {
        Map<String, String> all = new LinkedHashMap<>(user.asMap());
        all.put("slipway.python.dir", dir.toAbsolutePath().normalize().toString());
        if (cls != null) {
            all.put("slipway.python.class", cls);
        }
        if (exec != null) {
            all.put("slipway.python.exec", exec);
        }
        if (workers != null) {
            if (workers < 1) {
                throw new IllegalArgumentException("--python-workers must be at least 1, not " + workers);
            }
            all.put("slipway.python.workers", Integer.toString(workers));
        }
        if (timeout != null) {
            all.putIfAbsent("slipway.python.timeout", Long.toString(timeout.toMillis()));
        }
        return Parameters.of(all);
    }
}
