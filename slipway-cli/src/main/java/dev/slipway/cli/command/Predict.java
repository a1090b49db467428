package dev.slipway.cli.command;

import dev.slipway.client.ClientOptions;
import dev.slipway.client.Gateway;
import dev.slipway.client.PayloadType;
import dev.slipway.client.PredictionClient;
import dev.slipway.client.Result;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.json.Json;
import dev.slipway.protocol.v1.SeldonMessage;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.protocol.v2.InferenceRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code slipway predict}: send a prediction (and optionally feedback) as Seldon's Python client does. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Send a prediction to a model server (--url) or through a gateway (--gateway HOST:PORT --namespace NS"
                    + " --deployment NAME), exactly as Seldon's SeldonClient(gateway=\"ambassador\") sends it.",
            "Prints the response; exits 1 when it is not a success."
        })
public final class Predict extends CliCommand {

    @Option(names = "--url", paramLabel = "URL", description = "A model server, e.g. http://127.0.0.1:9000.")
    String url;

    @Option(names = "--gateway", paramLabel = "HOST:PORT", description = "A Slipway/Ambassador gateway.")
    String gateway;

    @Option(names = "--gateway-kind", paramLabel = "KIND", description = "ambassador (default), istio or seldon.")
    String gatewayKind = "ambassador";

    @Option(
            names = {"-n", "--namespace"},
            description = "The deployment's namespace.")
    String namespace;

    @Option(
            names = {"-d", "--deployment"},
            description = "The deployment's name.")
    String deployment;

    @Option(names = "--payload-type", paramLabel = "TYPE", description = "ndarray (default), tensor or tftensor.")
    String payloadType = "ndarray";

    @Option(
            names = "--data",
            paramLabel = "JSON",
            description = "The data: an array such as [[5.1,3.5,1.4,0.2]] or a whole Seldon message.")
    String data;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "A file holding the data or a whole Seldon request body.")
    Path file;

    @Option(names = "--str-data", paramLabel = "TEXT", description = "Send strData instead of data.")
    String strData;

    @Option(names = "--names", split = ",", description = "Feature names (data.names).")
    List<String> names = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "K=V", description = "A meta tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--header", paramLabel = "K=V", description = "An extra HTTP header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(
            names = "--transport",
            paramLabel = "rest|grpc",
            description = "rest (default) or grpc: Seldon's transport (gRPC on the gateway's or the server's port).")
    String transport = "rest";

    @Option(names = "--protocol", description = "v1 (Seldon, default) or v2 (Open Inference).")
    String protocol = "v1";

    @Option(names = "--model", description = "The model name for --protocol v2. Default: model.")
    String model = "model";

    @Option(names = "--feedback", description = "After the prediction, send feedback on it with --reward.")
    boolean feedback;

    @Option(names = "--reward", description = "The feedback reward. Default: ${DEFAULT-VALUE}.")
    double reward = 1.0;

    @Option(
            names = "--timeout",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Request timeout. Default: ${DEFAULT-VALUE}.")
    java.time.Duration timeout = java.time.Duration.ofSeconds(60);

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        PrintWriter err = err();
        try (PredictionClient client = new PredictionClient(options())) {
            return call(client, out, err);
        }
    }

    private int call(PredictionClient client, PrintWriter out, PrintWriter err) throws IOException {
        if (protocol.equalsIgnoreCase("v2")) {
            Tensor t = tensor();
            Result r = client.infer(
                    model, new InferenceRequest(null, Map.of(), Payload.ofTensors(Map.of("input-0", t)), List.of()));
            return report(r, out, err);
        }
        if (!protocol.equalsIgnoreCase("v1")) {
            throw new ParameterException(spec.commandLine(), "--protocol must be v1 or v2, not '" + protocol + "'");
        }
        Result r;
        SeldonMessage whole = wholeMessage();
        if (whole != null) {
            r = client.predictRaw(source());
        } else {
            Payload p = strData != null ? Payload.ofString(strData) : Payload.of(tensor());
            if (!names.isEmpty()) {
                p = p.withNames(names);
            }
            r = client.predict(p, new LinkedHashMap<>(KeyValues.parse(tags, "--tag")));
        }
        int code = report(r, out, err);
        if (code != 0 || !feedback) {
            return code;
        }
        SeldonMessage request = SeldonMessageReader.readMessage(r.requestBody());
        Result f = client.feedback(request, r.response(), reward, null);
        out.println("feedback:");
        return report(f, out, err);
    }

    private ClientOptions options() {
        if ((url == null) == (gateway == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --url or --gateway");
        }
        final ClientOptions.Transport t;
        try {
            t = ClientOptions.Transport.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--transport: " + e.getMessage());
        }
        ClientOptions.Builder b = ClientOptions.builder()
                .transport(t)
                .payloadType(PayloadType.parse(payloadType))
                .timeout(timeout);
        KeyValues.parse(headers, "--header").forEach(b::header);
        if (url != null) {
            URI u = URI.create(url.contains("://") ? url : "http://" + url);
            if (u.getHost() == null) {
                throw new ParameterException(spec.commandLine(), "--url '" + url + "' has no host");
            }
            b.gateway(Gateway.SELDON).gatewayEndpoint(u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
        } else {
            Gateway g = Gateway.parse(gatewayKind);
            if (g != Gateway.SELDON && (deployment == null || deployment.isBlank())) {
                throw new ParameterException(
                        spec.commandLine(), "--gateway needs --deployment (and usually --namespace)");
            }
            b.gateway(g).gatewayEndpoint(gateway).namespace(namespace).deploymentName(deployment);
        }
        return b.build();
    }

    private byte[] source() throws IOException {
        if (data != null && file != null) {
            throw new ParameterException(spec.commandLine(), "give --data or --file, not both");
        }
        if (file != null) {
            try {
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "--file " + file + " does not exist");
            }
        }
        if (data != null) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    /** The --data/--file content when it is a whole Seldon message (an object), else null. */
    private SeldonMessage wholeMessage() throws IOException {
        byte[] src = source();
        if (src == null || strData != null) {
            return null;
        }
        String text = new String(src, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return SeldonMessageReader.readMessage(src);
        } catch (ProtocolException e) {
            throw new ParameterException(
                    spec.commandLine(), (file != null ? file.toString() : "--data") + ": " + e.getMessage());
        }
    }

    private Tensor tensor() throws IOException {
        byte[] src = source();
        if (src == null) {
            throw new ParameterException(spec.commandLine(), "give the data with --data, --file or --str-data");
        }
        String where = file != null ? file.toString() : "--data";
        try (com.fasterxml.jackson.core.JsonParser p = Json.parser(src)) {
            p.nextToken();
            if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                SeldonMessage m = SeldonMessageReader.readMessage(src);
                return m.payload().tensor();
            }
            return dev.slipway.protocol.json.ArrayReader.read(p, where);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ParameterException(
                    spec.commandLine(), where + ": " + Json.malformed(e).getMessage());
        } catch (ProtocolException e) {
            throw new ParameterException(spec.commandLine(), where + ": " + e.getMessage());
        }
    }

    private static int report(Result r, PrintWriter out, PrintWriter err) {
        if (r.responseBody() != null) {
            out.println(r.responseBody());
        }
        out.flush();
        if (!r.success()) {
            err.println("error: " + r.msg());
            err.flush();
            return 1;
        }
        return 0;
    }
}
