package dev.slipway.cli.command;

import dev.slipway.model.Parameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --python*} options of {@code serve} and {@code test-model} as the PYTHON runtime's parameters
 * ({@code slipway.python.dir}, {@code .class}, {@code .exec}, {@code .workers}, {@code .timeout}).
 */
final class PythonOptions {

    /** The runtime's implementation name. */
    static final String RUNTIME = "PYTHON";

    private PythonOptions() {}

    static Parameters parameters(
            Parameters user, Path dir, String cls, String exec, Integer workers, Duration timeout) {
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
