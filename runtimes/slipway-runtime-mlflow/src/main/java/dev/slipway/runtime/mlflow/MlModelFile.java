package dev.slipway.runtime.mlflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.model.ModelException;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MLflow {@code MLmodel} file: its flavors (name → settings) and its signature, read with Jackson's
 * YAML parser (size- and depth-limited).
 *
 * @param file the MLmodel file
 * @param flavors each flavor's settings as text values (nested values as JSON text)
 * @param signature the input signature, or null when the model has none
 * @param mlflowVersion the MLflow version that wrote it, may be null
 */
record MlModelFile(Path file, Map<String, Map<String, String>> flavors, Signature signature, String mlflowVersion) {

    static final long MAX_BYTES = 1 << 20;

    static MlModelFile read(Path dir) {
        Path file = Files.isRegularFile(dir) ? dir : dir.resolve("MLmodel");
        if (!Files.isRegularFile(file)) {
            throw new ModelException.LoadFailure(
                    "no MLmodel file in " + dir + " (MLFLOW_SERVER serves MLflow model folders)");
        }
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ModelException.LoadFailure("MLmodel file " + file + " is larger than 1 MiB");
            }
            root = Mappers.yaml().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ModelException.LoadFailure(
                    "MLmodel file " + file + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelException.LoadFailure("cannot read MLmodel file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException.LoadFailure("MLmodel file " + file + " is not a YAML mapping");
        }
        JsonNode flavorsNode = root.path("flavors");
        if (!flavorsNode.isObject() || flavorsNode.isEmpty()) {
            throw new ModelException.LoadFailure("MLmodel file " + file + " lists no flavors");
        }
        Map<String, Map<String, String>> flavors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = flavorsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Map<String, String> settings = new LinkedHashMap<>();
            if (f.getValue().isObject()) {
                f.getValue()
                        .fields()
                        .forEachRemaining(e -> settings.put(
                                e.getKey(),
                                e.getValue().isValueNode()
                                        ? e.getValue().asText()
                                        : e.getValue().toString()));
            }
            flavors.put(f.getKey(), Map.copyOf(settings));
        }
        Signature signature = null;
        JsonNode inputs = root.path("signature").path("inputs");
        if (!inputs.isMissingNode() && !inputs.isNull()) {
            signature = Signature.parse(inputs.isTextual() ? inputs.asText() : inputs.toString(), file);
        }
        String version = root.path("mlflow_version").isMissingNode()
                ? null
                : root.path("mlflow_version").asText();
        return new MlModelFile(file, flavors, signature, version);
    }

    /** The flavor names, in file order. */
    List<String> flavorNames() {
        return new ArrayList<>(flavors.keySet());
    }
}
