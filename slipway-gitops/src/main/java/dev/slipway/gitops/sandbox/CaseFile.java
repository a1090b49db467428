package dev.slipway.gitops.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import dev.slipway.support.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a cases file: a YAML (or JSON) list of {@code {name, deployment, namespace?, request, expect?,
 * tolerance?, status?, transport?}} ({@code transport}: {@code rest}, the default, or {@code grpc}). Problems name the file and the entry's field.
 */
public final class CaseFile {

    private static final Set<String> FIELDS =
            Set.of("name", "deployment", "namespace", "request", "expect", "tolerance", "status", "transport");
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private CaseFile() {}

    public static List<TestCase> read(Path file) {
        final String source = file.toString();
        final JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SpecException(Problem.of(source, "", "cases file is larger than " + MAX_BYTES + " bytes"));
            }
            root = Mappers.yaml(Limits.PAYLOAD.withMaxDocumentBytes((int) MAX_BYTES))
                    .readTree(file.toFile());
        } catch (IOException e) {
            throw new SpecException(Problem.of(
                    source,
                    "",
                    "cannot read cases: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
        if (root == null || !root.isArray()) {
            throw new SpecException(Problem.of(source, "", "cases must be a YAML list"));
        }
        final List<TestCase> cases = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            final JsonNode c = root.get(i);
            final String path = "[" + i + "]";
            if (!c.isObject()) {
                problems.add(Problem.of(source, path, "must be an object"));
                continue;
            }
            c.fieldNames().forEachRemaining(f -> {
                if (!FIELDS.contains(f)) {
                    problems.add(Problem.of(
                            source,
                            path + "." + f,
                            "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")"));
                }
            });
            final String deployment = c.path("deployment").asText(null);
            if (deployment == null || deployment.isEmpty()) {
                problems.add(Problem.of(source, path + ".deployment", "is required"));
            }
            if (!c.path("request").isObject()) {
                problems.add(Problem.of(source, path + ".request", "is required (a SeldonMessage object)"));
            }
            final JsonNode tolerance = c.get("tolerance");
            if (tolerance != null && (!tolerance.isNumber() || tolerance.asDouble() < 0)) {
                problems.add(Problem.of(source, path + ".tolerance", "must be a number >= 0"));
            }
            final JsonNode status = c.get("status");
            if (status != null && !status.canConvertToInt()) {
                problems.add(Problem.of(source, path + ".status", "must be an HTTP status code"));
            }
            final JsonNode transport = c.get("transport");
            if (transport != null && (!transport.isTextual() || !TestCase.TRANSPORTS.contains(transport.asText()))) {
                problems.add(Problem.of(source, path + ".transport", "must be rest or grpc"));
            }
            cases.add(new TestCase(
                    c.path("name").asText("case " + (i + 1)),
                    deployment,
                    c.path("namespace").asText(null),
                    c.get("request"),
                    c.get("expect"),
                    tolerance == null ? 0 : tolerance.asDouble(),
                    status == null ? 200 : status.asInt(),
                    transport == null ? "rest" : transport.asText()));
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return cases;
    }
}
