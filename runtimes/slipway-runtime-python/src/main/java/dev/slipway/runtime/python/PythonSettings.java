package dev.slipway.runtime.python;

import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.Parameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to run a Python model class, from the node's parameters: the runtime's own settings ({@code python.dir}
 * (default: the model's folder, so that a modelUri holding the class and its files is a whole Python model),
 * {@code python.class}, {@code python.exec}, {@code python.workers}, {@code python.timeout}, each under
 * {@link #PREFIX}) and the user's parameters, typed as Seldon types them ({@code name:TYPE=value}, else the type
 * {@link #TYPES_ENV} gives the name, else STRING), which become the class's constructor
 * arguments, plus {@code model_uri} (the local folder Slipway fetched) when the node has a model URI.
 *
 * @param name the model's name (log prefix, {@code PREDICTIVE_UNIT_ID})
 * @param directory the folder holding the user's modules
 * @param located the module and class
 * @param executable the interpreter
 * @param workers how many worker processes
 * @param timeout the longest call before the worker is killed and restarted
 * @param parameters the constructor arguments: maps of name, value (text) and type
 */
record PythonSettings(
        String name,
        Path directory,
        ClassLocator.Located located,
        String executable,
        int workers,
        Duration timeout,
        List<Map<String, Object>> parameters) {

    /** The prefix of the runtime's own parameters. */
    static final String PREFIX = "slipway.python.";

    static final String DIR = PREFIX + "dir";
    static final String CLASS = PREFIX + "class";
    static final String EXEC = PREFIX + "exec";
    static final String WORKERS = PREFIX + "workers";
    static final String TIMEOUT = PREFIX + "timeout";

    /**
     * The environment variable by which the local runtime gives the types of a graph node's parameters:
     * {@code name:TYPE,name:TYPE} (names are Seldon parameter names, which hold no ',' or ':').
     */
    static final String TYPES_ENV = "SLIPWAY_PARAMETER_TYPES";

    private static final Set<String> TYPES = Set.of("INT", "FLOAT", "DOUBLE", "STRING", "BOOL", "JSON");

    PythonSettings {
        parameters = List.copyOf(parameters);
    }

    /**
     * The settings of {@code context}.
     *
     * @param env the environment ({@code SLIPWAY_PYTHON}, {@link #TYPES_ENV})
     */
    static PythonSettings of(ModelContext context, Map<String, String> env) {
        Parameters p = context.parameters();
        String dir = p.get(DIR)
                .orElseGet(() -> context.modelDirIfAny()
                        .map(Path::toString)
                        .orElseThrow(() -> new ModelException.LoadFailure("model '" + context.name()
                                + "': the PYTHON runtime needs the folder of the "
                                + "model's modules: a modelUri holding them (with the model's files), parameter " + DIR
                                + ", or slipway serve --python DIR")));
        Path directory = Path.of(dir).toAbsolutePath().normalize();
        ClassLocator.Located located =
                ClassLocator.locate(directory, p.get(CLASS).orElse(null));
        String exec =
                p.get(EXEC).filter(s -> !s.isBlank()).orElseGet(() -> env.getOrDefault("SLIPWAY_PYTHON", "python3"));
        int workers = p.getInt(WORKERS, 1);
        if (workers < 1 || workers > 256) {
            throw new ModelException.LoadFailure("parameter '" + WORKERS + "' is " + workers + " but must be 1 to 256");
        }
        long timeoutMillis = (long) p.getDouble(TIMEOUT, 60_000);
        if (timeoutMillis < 1) {
            throw new ModelException.LoadFailure(
                    "parameter '" + TIMEOUT + "' must be a positive number of milliseconds");
        }
        Map<String, String> declared = declaredTypes(env.get(TYPES_ENV));
        List<Map<String, Object>> params = new ArrayList<>();
        for (Map.Entry<String, String> e : p.asMap().entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String key = e.getKey();
            String type = declared.getOrDefault(key, "STRING");
            int colon = key.lastIndexOf(':');
            if (colon > 0) {
                type = key.substring(colon + 1).toUpperCase(Locale.ROOT);
                key = key.substring(0, colon);
            }
            if (!TYPES.contains(type)) {
                throw new ModelException.LoadFailure("parameter '" + e.getKey() + "': type " + type + " is not one of "
                        + "INT, FLOAT, DOUBLE, STRING, BOOL, JSON");
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", key);
            one.put("value", e.getValue());
            one.put("type", type);
            params.add(one);
        }
        if (context.modelDir() != null
                && params.stream().noneMatch(m -> m.get("name").equals("model_uri"))) {
            params.add(Map.of(
                    "name",
                    "model_uri",
                    "value",
                    context.modelDir().toAbsolutePath().toString(),
                    "type",
                    "STRING"));
        }
        return new PythonSettings(
                context.name(), directory, located, exec, workers, Duration.ofMillis(timeoutMillis), params);
    }

    static Map<String, String> declaredTypes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon > 0) {
                out.put(
                        part.substring(0, colon).trim(),
                        part.substring(colon + 1).trim().toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }
}
