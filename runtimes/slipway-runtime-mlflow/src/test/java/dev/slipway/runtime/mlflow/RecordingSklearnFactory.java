package dev.slipway.runtime.mlflow;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactory;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only SKLEARN_SERVER (the real one is built on another branch): it records what it was loaded
 * with and answers each row's sum, so delegation and column order can be checked.
 */
public final class RecordingSklearnFactory implements ModelFactory {

    /** What the last load received, by model name. */
    static final Map<String, ModelContext> LOADED = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "SKLEARN_SERVER";
    }

    @Override
    public Model create() {
        return new Model() {
            private Path file;

            @Override
            public void load(ModelContext context) {
                file = context.requireModelDir();
                LOADED.put(context.name(), context);
            }

            @Override
            public Payload predict(Payload input) {
                Tensor t = input.tensor();
                int n = (int) t.dim(0);
                int k = (int) t.dim(1);
                double[] sums = new double[n];
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < k; j++) {
                        sums[r] += t.getDouble(r * k + j) * (j + 1); // weighted, so that column order shows
                    }
                }
                return Payload.of(Tensor.ofDoubles(sums, n)).withNames(input.names());
            }

            @Override
            public String toString() {
                return "recording sklearn model of " + file;
            }
        };
    }
}
