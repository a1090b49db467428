package dev.slipway.bench.xgboost;

import dev.slipway.bench.BenchFixtures;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold load: the first model load in a fresh JVM (class loading included), one shot per fork. The
 * xgboost4j counterpart (native library extraction included) lives in commit 9b2c962.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class XgboostLoadBenchmark {

    @Benchmark
    public Model pureJavaColdLoad() throws Exception {
        Path file = BenchFixtures.dir("iris-xgb").resolve("model.json");
        ModelFactories runtimes = ModelFactories.load(getClass().getClassLoader());
        Model m = runtimes.require("XGBOOST_SERVER").create();
        m.load(new ModelContext("iris", file, null, Parameters.empty(), runtimes));
        return m;
    }
}
