package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.Mappers;
import dev.slipway.support.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The servers registry of a GitOps repository ({@code servers.yaml} at its root): implementation name →
 * {@code {image: NAME:VERSION, modelClass: FQCN}}. Names are upper-case identifiers that do not shadow
 * Slipway's prepackaged servers or Seldon's names.
 *
 * <pre>
 * IMAGE_CLASSIFIER:
 *   image: image-classifier:1.0.0
 *   modelClass: com.example.imageclassifier.ImageClassifier
 * </pre>
 */
public final class ServerRegistry {

    /** The file at the root of the GitOps repository. */
    public static final String FILE = "servers.yaml";

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,62}");
    private static final Pattern IMAGE = Pattern.compile(
            "[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern CLASS = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final ObjectMapper YAML = Mappers.yaml();

    private final Map<String, RegisteredServer> servers;

    private ServerRegistry(Map<String, RegisteredServer> servers) {
        this.servers = Map.copyOf(servers);
    }

    /** No registered servers. */
    public static ServerRegistry empty() {
        return new ServerRegistry(Map.of());
    }

    /** A registry of {@code entries} (each checked). */
    public static ServerRegistry of(Collection<RegisteredServer> entries) {
        final Map<String, RegisteredServer> map = new TreeMap<>();
        for (final RegisteredServer e : entries) {
            final List<String> problems = new ArrayList<>();
            check(e, e.name(), problems);
            if (!problems.isEmpty()) {
                throw new SpecException(Problem.of(FILE, e.name(), String.join("; ", problems)));
            }
            map.put(e.name(), e);
        }
        return new ServerRegistry(map);
    }

    /** Reads {@code servers.yaml}; every problem names {@code source} and the field. */
    public static ServerRegistry parse(byte[] bytes, String source) {
        final JsonNode root;
        try {
            root = new SpecReader().read(bytes, source);
        } catch (SpecException e) {
            throw e;
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return empty();
        }
        if (!root.isObject()) {
            throw new SpecException(
                    Problem.of(source, "", "must be a map of implementation name to " + "{image, modelClass}"));
        }
        final List<Problem> problems = new ArrayList<>();
        final Map<String, RegisteredServer> map = new TreeMap<>();
        root.fields().forEachRemaining(f -> {
            final JsonNode v = f.getValue();
            if (!v.isObject()) {
                problems.add(Problem.of(source, f.getKey(), "must be a map with image and modelClass"));
                return;
            }
            v.fieldNames().forEachRemaining(k -> {
                if (!k.equals("image") && !k.equals("modelClass")) {
                    problems.add(Problem.of(source, f.getKey() + "." + k, "unknown field (known: image, modelClass)"));
                }
            });
            final RegisteredServer e = new RegisteredServer(
                    f.getKey(),
                    v.path("image").asText(""),
                    v.hasNonNull("modelClass") ? v.path("modelClass").asText() : null);
            final List<String> own = new ArrayList<>();
            check(e, f.getKey(), own);
            own.forEach(m -> problems.add(
                    Problem.of(source, m.substring(0, m.indexOf(": ")), m.substring(m.indexOf(": ") + 2))));
            map.put(e.name(), e);
        });
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new ServerRegistry(map);
    }

    /**
     * Why {@code name} cannot be a registered server's name (not an upper-case identifier, or a prepackaged or
     * Seldon server's name), or empty when it can. Commands use it to tell a custom server's name from a runtime's.
     */
    public static Optional<String> nameProblem(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.of("the name must be upper-case letters, digits and '_' starting with a letter "
                    + "(e.g. IMAGE_CLASSIFIER)");
        }
        if (SpecValidator.DEFAULT_IMPLEMENTATIONS.contains(name) || SpecValidator.isSeldonName(name)) {
            return Optional.of("'" + name + "' is a prepackaged server's name; choose another");
        }
        return Optional.empty();
    }

    private static void check(RegisteredServer e, String path, List<String> problems) {
        nameProblem(e.name()).ifPresent(problem -> problems.add(path + ": " + problem));
        if (!IMAGE.matcher(e.image()).matches()) {
            problems.add(path + ".image: '" + e.image() + "' must be an artifact reference NAME:VERSION");
        }
        if (e.modelClass() != null && !CLASS.matcher(e.modelClass()).matches()) {
            problems.add(path + ".modelClass: '" + e.modelClass() + "' is not a Java class name");
        }
    }

    public Optional<RegisteredServer> find(String name) {
        return Optional.ofNullable(servers.get(name));
    }

    /** The entries in name order. */
    public List<RegisteredServer> servers() {
        return List.copyOf(new TreeMap<>(servers).values());
    }

    public boolean isEmpty() {
        return servers.isEmpty();
    }

    /** This registry with {@code entry} added or replaced. */
    public ServerRegistry with(RegisteredServer entry) {
        final Map<String, RegisteredServer> map = new TreeMap<>(servers);
        map.put(entry.name(), entry);
        return of(map.values());
    }

    /** The {@code servers.yaml} text (names in order). */
    public String toYaml() {
        final ObjectNode root = YAML.createObjectNode();
        for (final RegisteredServer e : servers()) {
            final ObjectNode n = root.putObject(e.name());
            n.put("image", e.image());
            if (e.modelClass() != null) {
                n.put("modelClass", e.modelClass());
            }
        }
        try {
            return servers.isEmpty() ? "{}\n" : new String(YAML.writeValueAsBytes(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
