package dev.slipway.bench.storage;

import dev.slipway.bench.BenchFixtures;
import dev.slipway.bench.SampleTimeBenchmark;
import dev.slipway.storage.ModelStorage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code s3://} fetches of a model folder (iris-xgb's three files plus a 16 MiB weights blob) from an
 * in-process S3 server: {@code cold} into an empty cache, {@code warm} again with the cache filled. The
 * warm trial fails if the server saw any object download during it.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
public class S3FetchBenchmark extends SampleTimeBenchmark {

    private static final String URI_ = "s3://models/iris-xgb";

    private final AtomicInteger downloads = new AtomicInteger();
    private S3Proxy proxy;
    private Map<String, String> env;
    private Path root;
    private ModelStorage warm;
    private int downloadsBeforeWarm;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new ForwardingBlobStore(new TransientNio2BlobStore()) {
                    @Override
                    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
                        downloads.incrementAndGet();
                        return super.getBlob(request);
                    }
                })
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret")
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        env = Map.of(
                "S3_ENDPOINT",
                endpoint.toString(),
                "AWS_ACCESS_KEY_ID",
                "bench",
                "AWS_SECRET_ACCESS_KEY",
                "bench-secret");
        try (S3Client s3 = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret")))
                .build()) {
            s3.createBucket(b -> b.bucket("models"));
            for (String f : new String[] {"model.json", "model.ubj", "model.bst"}) {
                s3.putObject(
                        b -> b.bucket("models").key("iris-xgb/" + f),
                        RequestBody.fromFile(BenchFixtures.dir("iris-xgb").resolve(f)));
            }
            byte[] weights = new byte[16 << 20];
            new Random(0).nextBytes(weights);
            s3.putObject(b -> b.bucket("models").key("iris-xgb/weights.bin"), RequestBody.fromBytes(weights));
        }
        root = Files.createTempDirectory("slipway-bench-s3");
        warm = new ModelStorage(root.resolve("warm"), env);
        warm.fetch(URI_);
    }

    /** A fresh, empty cache for each cold fetch. */
    @State(Scope.Thread)
    public static class ColdCache {
        Path dir;

        @Setup(Level.Invocation)
        public void create(S3FetchBenchmark b) throws Exception {
            dir = Files.createTempDirectory(b.root, "cold");
        }

        @TearDown(Level.Invocation)
        public void delete() throws Exception {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public Path cold(ColdCache cache) throws Exception {
        try (ModelStorage storage = new ModelStorage(cache.dir, env)) {
            return storage.fetch(URI_);
        }
    }

    @Setup(Level.Iteration)
    public void mark() {
        downloadsBeforeWarm = downloads.get();
    }

    @Benchmark
    public Path warm() throws Exception {
        return warm.fetch(URI_);
    }

    @TearDown(Level.Iteration)
    public void check(org.openjdk.jmh.infra.BenchmarkParams params) {
        if (params.getBenchmark().endsWith(".warm") && downloads.get() != downloadsBeforeWarm) {
            throw new IllegalStateException(
                    "a warm fetch downloaded " + (downloads.get() - downloadsBeforeWarm) + " objects");
        }
        if (params.getBenchmark().endsWith(".warm")) {
            System.out.println(
                    "warm iteration: " + (downloads.get() - downloadsBeforeWarm) + " object downloads on the server");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        warm.close();
        proxy.stop();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
