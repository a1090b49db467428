package dev.slipway.runtime.xgboost;

import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds an XGBoost model file in a folder and reads it, recognising the format by its first bytes. */
final class BoosterFiles {

    /** Names looked for, in order. */
    static final List<String> WELL_KNOWN = List.of("model.json", "model.ubj", "model.bst");

    private static final long MAX_BYTES = 2L << 30;

    private BoosterFiles() {}

    static Path find(Path dirOrFile) {
        return ModelFiles.find(dirOrFile, WELL_KNOWN, List.of(".json", ".ubj", ".bst"), "XGBoost");
    }

    static Booster read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ModelException.LoadFailure("XGBoost model " + file + " is larger than 2 GiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelException.LoadFailure("cannot read XGBoost model " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new ModelException.LoadFailure("XGBoost model " + file + " is empty");
        }
        try {
            return switch (format(bytes)) {
                case "json" ->
                    JsonModelReader.read(JsonParser.parse(new String(bytes, StandardCharsets.UTF_8)), "json");
                case "ubj" -> JsonModelReader.read(UbjsonParser.parse(bytes), "ubj");
                case "bs64" ->
                    throw new IllegalArgumentException(
                            "base64 ('bs64') models are not supported; save with save_model");
                default -> LegacyBinaryReader.read(bytes);
            };
        } catch (ModelException e) {
            throw new ModelException.LoadFailure("XGBoost model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelException.LoadFailure("cannot read XGBoost model " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code json}, {@code ubj}, {@code bs64} or {@code binary}, from the first bytes. */
    static String format(byte[] b) {
        int i = 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        if (i < b.length && b[i] == '{') {
            int j = i + 1;
            if (j < b.length
                    && (b[j] == '"' || b[j] == '}' || b[j] == ' ' || b[j] == '\n' || b[j] == '\r' || b[j] == '\t')) {
                return "json";
            }
            return "ubj";
        }
        if (b.length >= 4 && b[0] == 'b' && b[1] == 's' && b[2] == '6' && b[3] == '4') {
            return "bs64";
        }
        return "binary";
    }
}
