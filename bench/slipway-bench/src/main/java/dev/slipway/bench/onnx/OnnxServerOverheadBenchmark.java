package dev.slipway.bench.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.slipway.bench.BenchFixtures;
import dev.slipway.bench.SampleTimeBenchmark;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ONNX_SERVER's overhead over a bare {@code session.run} on the same model file, same thread settings:
 * {@code bare} feeds a float[] and copies the output out; {@code serverFp32} predicts a v1 payload of
 * float32 (same input); {@code serverFp64} a v1 payload of float64, as JSON numbers decode (adds the cast).
 */
public class OnnxServerOverheadBenchmark extends SampleTimeBenchmark {

    @Param({"iris-onnx", "digits-cnn-onnx"})
    public String fixture;

    @Param({"1", "256"})
    public int batch;

    private OrtEnvironment env;
    private OrtSession session;
    private float[] input;
    private long[] shape;
    private Model model;
    private Payload fp32;
    private Payload fp64;

    @Setup
    public void setup() throws Exception {
        Path dir = BenchFixtures.dir(fixture);
        BenchFixtures.Rows rows = BenchFixtures.rows(fixture, batch);
        input = rows.floats();
        shape = rows.shape();
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(dir.resolve("model.onnx").toString(), options);
        }
        ModelFactories runtimes = ModelFactories.load(getClass().getClassLoader());
        model = runtimes.require("ONNX_SERVER").create();
        model.load(new ModelContext(fixture, dir, dir.toUri().toString(), Parameters.empty(), runtimes));
        fp32 = Payload.of(Tensor.ofFloats(input.clone(), shape));
        fp64 = Payload.of(Tensor.ofDoubles(rows.values(), shape));
    }

    @TearDown
    public void tearDown() throws Exception {
        model.close();
        session.close();
    }

    @Benchmark
    public float[] bare() throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result r = session.run(Map.of("input", t), Set.of("probabilities"))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    @Benchmark
    public Payload serverFp32() {
        return model.predict(fp32);
    }

    @Benchmark
    public Payload serverFp64() {
        return model.predict(fp64);
    }
}
