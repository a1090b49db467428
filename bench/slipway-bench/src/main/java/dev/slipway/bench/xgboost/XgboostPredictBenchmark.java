package dev.slipway.bench.xgboost;

import dev.slipway.bench.BenchFixtures;
import dev.slipway.bench.SampleTimeBenchmark;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Path;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Prediction latency on iris-xgb ({@code model.json}), probabilities for a batch of rows, of the pure-Java
 * XGBOOST_SERVER ({@code method=predict_proba}). The comparison with xgboost4j's
 * {@code Booster.predict(DMatrix)} lives in commit 9b2c962 (see bench/README.md).
 */
public class XgboostPredictBenchmark extends SampleTimeBenchmark {

    @Param({"1", "256"})
    public int batch;

    private Model pureJava;
    private Payload payload;

    @Setup
    public void setup() throws Exception {
        Path dir = BenchFixtures.dir("iris-xgb");
        BenchFixtures.Rows r = BenchFixtures.rows("iris-xgb", batch);
        payload = Payload.of(Tensor.ofFloats(r.floats(), r.shape()));
        ModelFactories runtimes = ModelFactories.load(getClass().getClassLoader());
        pureJava = runtimes.require("XGBOOST_SERVER").create();
        pureJava.load(new ModelContext(
                "iris", dir.resolve("model.json"), null, Parameters.of(Map.of("method", "predict_proba")), runtimes));
    }

    @TearDown
    public void tearDown() throws Exception {
        pureJava.close();
    }

    @Benchmark
    public Payload pureJava() {
        return pureJava.predict(payload);
    }
}
