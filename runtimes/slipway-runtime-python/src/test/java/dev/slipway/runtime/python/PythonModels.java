package dev.slipway.runtime.python;

import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starts the test classes of {@code src/test/resources/python} with Debian's interpreter. */
final class PythonModels {

    private PythonModels() {}

    /** The interpreter that has numpy, scikit-learn and torch: {@code SLIPWAY_PYTHON}, else Debian's. */
    static String python() {
        String env = System.getenv("SLIPWAY_PYTHON");
        return env != null && !env.isBlank() ? env : "/usr/bin/python3";
    }

    static Path folder(String name) {
        return Path.of("src/test/resources/python", name).toAbsolutePath();
    }

    /** A loaded model; {@code log} collects its output lines. */
    static PythonModel start(String folder, Map<String, String> params, Path modelDir, List<String> log) {
        return start(folder, params, modelDir, log, Map.of());
    }

    static PythonModel start(
            String folder, Map<String, String> params, Path modelDir, List<String> log, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(PythonSettings.DIR, folder(folder).toString());
        all.put(PythonSettings.EXEC, python());
        all.putAll(params);
        PythonModel model = new PythonModel(env, log::add);
        model.load(new ModelContext(
                folder,
                modelDir,
                modelDir == null ? null : modelDir.toString(),
                Parameters.of(all),
                ModelFactories.of(List.of())));
        return model;
    }

    static List<String> log() {
        return new CopyOnWriteArrayList<>();
    }

    /** The shared reference fixtures. */
    static Path fixture(String name) {
        return Path.of(System.getProperty("slipway.fixtures", "../../../shared/fixtures"))
                .resolve(name);
    }
}
