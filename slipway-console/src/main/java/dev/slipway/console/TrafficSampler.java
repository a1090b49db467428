package dev.slipway.console;

import dev.slipway.console.view.Traffic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charts' data: samples the gateway's Prometheus metrics ({@code seldon_api_executor_server_requests_seconds},
 * a histogram per deployment, predictor and status code) and keeps 15 minutes of samples. Between two samples a
 * deployment's rate is the count's increase over the time, the errors the increase of 4xx/5xx answers, and p50/p99
 * the upper bound of the bucket the quantile falls in. The gateway names deployments without their namespace, so a
 * name deployed in two namespaces shares one series.
 */
final class TrafficSampler {

    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String METRIC = "seldon_api_executor_server_requests_seconds";
    private static final Pattern LINE = Pattern.compile("^" + METRIC + "_(bucket|count)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One deployment's cumulative counts at one moment. */
    record Counts(double count, double errors, TreeMap<Double, Double> buckets) {}

    /** All deployments' counts at one moment. */
    record Sample(Instant at, Map<String, Counts> byDeployment) {}

    private final Supplier<String> gateway;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Deque<Sample> samples = new ArrayDeque<>();

    TrafficSampler(Supplier<String> gateway) {
        this.gateway = gateway;
    }

    /** Reads the gateway's metrics now (blocking); a gateway that does not answer adds no sample. */
    void sample(Instant now) {
        final String text;
        try {
            final HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(gateway.get() + "/metrics"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return;
            }
            text = r.body();
        } catch (java.io.IOException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        add(new Sample(now, parse(text)));
    }

    synchronized void add(Sample s) {
        samples.addLast(s);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(s.at().minus(WINDOW))) {
            samples.removeFirst();
        }
    }

    /** Sums the histogram over predictors and codes, per deployment name. */
    static Map<String, Counts> parse(String prometheus) {
        final Map<String, double[]> counts = new HashMap<>();
        final Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
        for (final String line : prometheus.split("\n")) {
            final Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            final Map<String, String> labels = new HashMap<>();
            final Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            final String dep = labels.getOrDefault("deployment_name", "");
            final double value = Double.parseDouble(m.group(3));
            if (m.group(1).equals("count")) {
                final double[] c = counts.computeIfAbsent(dep, k -> new double[2]);
                c[0] += value;
                final String code = labels.getOrDefault("code", "200");
                if (code.startsWith("4") || code.startsWith("5")) {
                    c[1] += value;
                }
            } else {
                final String le = labels.getOrDefault("le", "+Inf");
                final double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.computeIfAbsent(dep, k -> new TreeMap<>()).merge(bound, value, Double::sum);
            }
        }
        final Map<String, Counts> out = new HashMap<>();
        counts.forEach((dep, c) -> out.put(dep, new Counts(c[0], c[1], buckets.getOrDefault(dep, new TreeMap<>()))));
        return out;
    }

    /** The deployment's series over the window (one point per pair of consecutive samples). */
    synchronized Traffic traffic(String deployment) {
        final List<Double> rate = new ArrayList<>();
        final List<Double> p50 = new ArrayList<>();
        final List<Double> p99 = new ArrayList<>();
        final List<Double> errors = new ArrayList<>();
        Sample previous = null;
        for (final Sample s : samples) {
            if (previous != null) {
                final double seconds =
                        Math.max(0.001, Duration.between(previous.at(), s.at()).toMillis() / 1000.0);
                final Counts a = previous.byDeployment().get(deployment);
                final Counts b = s.byDeployment().get(deployment);
                if (b == null) {
                    rate.add(0.0);
                    errors.add(0.0);
                    p50.add(0.0);
                    p99.add(0.0);
                } else {
                    final double n = b.count() - (a == null ? 0 : a.count());
                    rate.add(Math.max(0, n) / seconds);
                    errors.add(Math.max(0, b.errors() - (a == null ? 0 : a.errors())) / seconds);
                    p50.add(quantile(a, b, 0.5));
                    p99.add(quantile(a, b, 0.99));
                }
            }
            previous = s;
        }
        return new Traffic(rate, p50, p99, errors);
    }

    /** The upper bound (ms) of the bucket holding quantile {@code q} of the requests between two samples, or 0. */
    static double quantile(Counts before, Counts after, double q) {
        final double total = after.count() - (before == null ? 0 : before.count());
        if (total <= 0) {
            return 0;
        }
        for (final Map.Entry<Double, Double> e : after.buckets().entrySet()) {
            final double earlier = before == null ? 0 : before.buckets().getOrDefault(e.getKey(), 0.0);
            if (e.getValue() - earlier >= q * total) {
                return e.getKey().isInfinite()
                        ? after.buckets().lowerKey(e.getKey()) == null
                                ? 0
                                : after.buckets().lowerKey(e.getKey()) * 1000
                        : e.getKey() * 1000;
            }
        }
        return 0;
    }
}
