package dev.slipway.serving.testing;

import dev.slipway.model.Feedback;
import dev.slipway.model.Metric;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.model.TensorSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small real models for server tests (each does what its name says; none is a mock of a runtime). */
public final class TestModels {
    private TestModels() {}

    /**
     * Echoes numbers doubled, text reversed, bytes and JSON unchanged; {@code fail} in strData throws;
     * {@code slow:N} sleeps N ms; {@code bad} is invalid input. Route: the first element mod 2.
     */
    public static final class Doubler implements Model {
        public static final CountDownLatch STARTED = new CountDownLatch(1);
        private String suffix = "";

        @Override
        public void load(ModelContext context) {
            suffix = context.parameters().getString("suffix", "");
        }

        @Override
        public Payload predict(Payload input) {
            return switch (input.kind()) {
                case TENSORS -> {
                    Tensor t = input.tensor();
                    if (t.type() == dev.slipway.model.DataType.STRING) {
                        String[] s = t.strings().clone();
                        for (int i = 0; i < s.length; i++) {
                            s[i] = new StringBuilder(s[i]).reverse() + suffix;
                        }
                        yield Payload.of(Tensor.ofStrings(s, t.shape()));
                    }
                    double[] d = t.toDoubles().clone();
                    for (int i = 0; i < d.length; i++) {
                        d[i] *= 2;
                    }
                    yield Payload.of(Tensor.ofDoubles(d, t.shape()));
                }
                case STRING -> {
                    String s = input.string();
                    if (s.equals("fail")) {
                        throw new IllegalStateException("the model failed on purpose");
                    }
                    if (s.equals("bad")) {
                        throw new ModelException.InvalidInput("expected 4 features but got 3");
                    }
                    if (s.startsWith("slow:")) {
                        STARTED.countDown();
                        try {
                            Thread.sleep(Long.parseLong(s.substring(5)));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    yield Payload.ofString(new StringBuilder(s).reverse() + suffix);
                }
                case BYTES, JSON -> input;
            };
        }

        @Override
        public Payload transformInput(Payload input) {
            return Payload.ofString("in:" + input.string());
        }

        @Override
        public Payload transformOutput(Payload output) {
            return Payload.ofString("out:" + output.string());
        }

        @Override
        public int route(Payload input) {
            return (int) input.tensor().getDouble(0) % 2;
        }

        @Override
        public Payload aggregate(List<Payload> outputs) {
            double sum = 0;
            for (Payload p : outputs) {
                for (double d : p.tensor().toDoubles()) {
                    sum += d;
                }
            }
            return Payload.of(Tensor.ofDoubles(new double[] {sum}, 1));
        }

        @Override
        public Optional<Payload> sendFeedback(Feedback feedback) {
            return Optional.of(Payload.ofJson(Map.of("reward", feedback.reward(), "routing", feedback.routing())));
        }

        @Override
        public List<Metric> metrics() {
            return List.of(
                    Metric.counter("doubler_calls", 1),
                    Metric.gauge("doubler_level", 7),
                    Metric.timer("doubler_latency", 2.5));
        }

        @Override
        public Map<String, Object> tags() {
            return Map.of("model", "doubler");
        }

        @Override
        public ModelMetadata metadata() {
            return new ModelMetadata(
                    "test",
                    List.of("1"),
                    List.of(new TensorSpec("input-0", dev.slipway.model.DataType.FP64, new long[] {-1, -1})),
                    List.of(),
                    Map.of("kind", "doubler"));
        }
    }

    /** A model with nothing but predict (the defaults of every other method). */
    public static final class Minimal implements Model {
        @Override
        public Payload predict(Payload input) {
            return input;
        }
    }

    /** Never ready. */
    public static final class NeverReady implements Model {
        @Override
        public Payload predict(Payload input) {
            return input;
        }

        @Override
        public boolean ready() {
            return false;
        }
    }

    /** Blocks every prediction until released (for shutdown tests). */
    public static final class Gate implements Model {
        public static final CountDownLatch ENTERED = new CountDownLatch(1);
        public static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Override
        public Payload predict(Payload input) {
            ENTERED.countDown();
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return input;
        }
    }
}
