package dev.slipway.bench.sklearn;

import dev.slipway.bench.SampleTimeBenchmark;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SKLEARN_SERVER latency on the shared fixtures (folder from the system property {@code slipway.fixtures},
 * default {@code ../shared/fixtures}): one iris row, one news document, a 1,000-row iris batch (reported per
 * row), and loading news-nb.
 */
public class SklearnBenchmarks extends SampleTimeBenchmark {

    private static final String NEWS_DOC =
            "The meat is rotten, but the booze is holding out.\n\nComputer translation of"
                    + " \"The spirit is willing, but the flesh is weak.\" Politics and science meet education in a school of"
                    + " computers, where the government debates the budget for research.";

    private Path fixtures;
    private Model iris;
    private Model news;
    private Payload irisRow;
    private Payload irisBatch;
    private Payload newsDoc;

    static Model load(Path dir, String method) throws Exception {
        ModelFactories f = ModelFactories.load(SklearnBenchmarks.class.getClassLoader());
        Model m = f.require("SKLEARN_SERVER").create();
        m.load(new ModelContext("bench", dir, null, Parameters.of(Map.of("method", method)), f));
        return m;
    }

    @Setup
    public void setup() throws Exception {
        fixtures = Path.of(System.getProperty("slipway.fixtures", "../shared/fixtures"));
        iris = load(fixtures.resolve("iris-logreg"), "predict_proba");
        news = load(fixtures.resolve("news-nb"), "predict_proba");
        irisRow = Payload.of(Tensor.ofDoubles(new double[] {5.9, 3.0, 5.1, 1.8}, 1, 4));
        Random r = new Random(0);
        double[] batch = new double[4000];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = r.nextDouble() * 7;
        }
        irisBatch = Payload.of(Tensor.ofDoubles(batch, 1000, 4));
        newsDoc = Payload.of(Tensor.ofStrings(new String[] {NEWS_DOC}, 1));
    }

    /** One iris row, predict_proba (target below 5 µs). */
    @Benchmark
    public Payload irisLogregSingleRow() {
        return iris.predict(irisRow);
    }

    /** 1,000 iris rows in one request; the score is per row. */
    @Benchmark
    @OperationsPerInvocation(1000)
    public Payload irisLogregBatch1000PerRow() {
        return iris.predict(irisBatch);
    }

    /** One news document through CountVectorizer, TfidfTransformer, MultinomialNB (target below 50 µs). */
    @Benchmark
    public Payload newsNbSingleDocument() {
        return news.predict(newsDoc);
    }

    /** Loading news-nb (565 KB joblib) from disk (target below 1 s). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, batchSize = 1)
    @Measurement(iterations = 20, batchSize = 1)
    public Model newsNbLoad() throws Exception {
        return load(fixtures.resolve("news-nb"), "predict_proba");
    }
}
