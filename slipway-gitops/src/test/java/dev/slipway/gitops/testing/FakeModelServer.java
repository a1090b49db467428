package dev.slipway.gitops.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A tiny model server with the {@code serve} command's arguments, for supervisor tests: it prints the
 * listening line, answers {@code /v2/health/ready}, and {@code /predict} / {@code /api/v1.0/predictions}
 * with its name and parameters. {@code --param fail=CODE} makes it exit with CODE before listening (a load
 * failure); {@code --param crash=jvm} crashes the JVM (SIGSEGV in the VM: it writes an {@code hs_err} report);
 * {@code --param readyAfterMs=N} delays readiness; SIGTERM stops it.
 */
public final class FakeModelServer {

    private FakeModelServer() {}

    public static void main(String[] args) throws Exception {
        final Map<String, String> opts = new HashMap<>();
        final Map<String, String> params = new HashMap<>();
        for (int i = 1; i < args.length - 1; i += 2) {
            if (args[i].equals("--param")) {
                final String[] kv = args[i + 1].split("=", 2);
                params.put(kv[0], kv[1]);
            } else {
                opts.put(args[i], args[i + 1]);
            }
        }
        if (params.containsKey("fail")) {
            System.err.println("cannot load model " + opts.get("--model-uri") + ": simulated failure");
            System.exit(Integer.parseInt(params.get("fail")));
        }
        if ("jvm".equals(params.get("crash"))) {
            final java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            ((sun.misc.Unsafe) f.get(null)).putAddress(0L, 42L);
        }
        final long readyAt = System.currentTimeMillis() + Long.parseLong(params.getOrDefault("readyAfterMs", "0"));
        final HttpServer server = HttpServer.create(
                new InetSocketAddress(
                        opts.getOrDefault("--host", "127.0.0.1"), Integer.parseInt(opts.getOrDefault("--port", "0"))),
                0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        final String name = opts.getOrDefault("--name", "model");
        final String body = "{\"data\":{\"names\":[\"who\"],\"ndarray\":[[\"" + name + "\",\""
                + params.getOrDefault("version", "") + "\"]]},\"meta\":{}}";
        server.createContext(
                "/v2/health/ready", ex -> reply(ex, System.currentTimeMillis() >= readyAt ? 200 : 503, ""));
        server.createContext("/v2/health/live", ex -> reply(ex, 200, ""));
        server.createContext("/health/ping", ex -> reply(ex, 200, "pong"));
        server.createContext("/predict", ex -> reply(ex, 200, body));
        server.createContext("/api/v1.0/predictions", ex -> reply(ex, 200, body));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
        System.out.println("Slipway model server listening on http://127.0.0.1:"
                + server.getAddress().getPort());
        System.out.flush();
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
