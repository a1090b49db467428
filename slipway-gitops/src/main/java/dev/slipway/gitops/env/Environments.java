package dev.slipway.gitops.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.support.DnsLabel;
import dev.slipway.support.Mappers;
import dev.slipway.support.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The environments of a GitOps repository, as listed in {@code environments.yaml} at its root:
 *
 * <pre>
 * environments:
 * - name: staging
 *   folder: staging
 *   namespace: staging
 *   target: local
 *   promotion: auto
 * - name: production
 *   folder: production
 *   namespace: production
 *   target: local
 *   promotion: approval
 *   approvers: [alice, bob]
 *   target: {kind: kubernetes, mode: native, context: prod, registry: registry.example/ml, artifacts: s3://models/prod}
 *   requestLog: {url: http://logger.example:8080/}
 * </pre>
 *
 * <p>{@code target} is {@code local} (the default) or a mapping with {@code kind: kubernetes}, {@code mode}
 * ({@code native} or {@code seldon}), and optionally {@code context} (kubeconfig context), {@code namespace} (the same
 * as the environment's, which it sets when that is absent), {@code registry} ({@code HOST[:PORT]/PREFIX}) and
 * {@code artifacts} ({@code s3://BUCKET/PREFIX} or {@code gs://BUCKET/PREFIX}). {@code requestLog.url} (http or https)
 * is the default request-log sink of the environment's deployments (docs/request-logging.md).
 *
 * @param environments in file order
 */
public record Environments(List<Environment> environments) {

    /** The file's name at the repository root. */
    public static final String FILE = "environments.yaml";

    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Set<String> TARGETS = Set.of("local");
    private static final Set<String> TARGET_FIELDS =
            Set.of("kind", "mode", "context", "namespace", "registry", "artifacts");
    private static final Set<String> MODES = Set.of("native", "seldon");
    private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9@._:/-]{1,253}");
    private static final Pattern REGISTRY =
            Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    private static final Pattern ARTIFACTS = Pattern.compile("(s3|gs)://[a-z0-9][-a-z0-9._]{1,61}[a-z0-9](/[^\\s]*)?");
    private static final Set<String> FIELDS =
            Set.of("name", "folder", "namespace", "target", "promotion", "approvers", "requestLog");
    private static final Set<String> REQUEST_LOG_FIELDS = Set.of("url");
    private static final ObjectMapper YAML = Mappers.yaml();

    public Environments {
        environments = List.copyOf(environments);
    }

    /** The environment named {@code name}. */
    public Optional<Environment> find(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The environment named {@code name}, or an error listing the known ones. */
    public Environment require(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown environment '" + name
                        + "' (environments.yaml lists: "
                        + String.join(
                                ", ",
                                environments.stream().map(Environment::name).toList())
                        + ")"));
    }

    /** The default pair: staging (auto) and production (approval by {@code approvers}). */
    public static Environments defaults(List<String> approvers) {
        return new Environments(List.of(
                new Environment("staging", "staging", "staging", "local", PromotionPolicy.AUTO, List.of(), null, null),
                new Environment(
                        "production",
                        "production",
                        "production",
                        "local",
                        PromotionPolicy.APPROVAL,
                        approvers,
                        null,
                        null)));
    }

    /** This list as {@code environments.yaml} text. */
    public String toYaml() {
        final ObjectNode root = YAML.createObjectNode();
        final ArrayNode list = root.putArray("environments");
        for (final Environment e : environments) {
            final ObjectNode n = list.addObject();
            n.put("name", e.name()).put("folder", e.folder()).put("namespace", e.namespace());
            if (e.cluster() == null) {
                n.put("target", e.target());
            } else {
                final ObjectNode t = n.putObject("target")
                        .put("kind", ClusterTarget.KIND)
                        .put("mode", e.cluster().mode());
                putIfSet(t, "context", e.cluster().context());
                putIfSet(t, "registry", e.cluster().registry());
                putIfSet(t, "artifacts", e.cluster().artifacts());
            }
            if (e.requestLog() != null) {
                n.putObject("requestLog").put("url", e.requestLog().url());
            }
            n.put("promotion", e.promotion().name().toLowerCase(Locale.ROOT));
            if (e.promotion() == PromotionPolicy.APPROVAL) {
                final ArrayNode a = n.putArray("approvers");
                e.approvers().forEach(a::add);
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses {@code environments.yaml}; every problem names {@code source} and the field
     * ({@code environments[1].approvers: an approval environment needs at least one approver}).
     *
     * @throws SpecException listing every problem
     */
    public static Environments parse(byte[] bytes, String source) {
        final JsonNode root;
        try {
            root = YAML.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SpecException(Problem.of(
                    source,
                    "",
                    "malformed YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse("")
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")")));
        }
        final List<Problem> problems = new ArrayList<>();
        final JsonNode list = root == null ? null : root.get("environments");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new SpecException(Problem.of(source, "environments", "must be a non-empty list of environments"));
        }
        final List<Environment> envs = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        final Set<String> folders = new HashSet<>();
        final Set<String> namespaces = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            final String path = "environments[" + i + "]";
            final JsonNode n = list.get(i);
            if (!n.isObject()) {
                problems.add(Problem.of(source, path, "must be a mapping"));
                continue;
            }
            unknownFields(n, FIELDS, path, source, problems);
            final String name = text(n, "name", path, source, problems, true);
            final String folder = text(n, "folder", path, source, problems, false);
            final String namespace = text(n, "namespace", path, source, problems, false);
            final JsonNode targetNode = n.get("target");
            final ClusterTarget cluster = targetNode != null && targetNode.isObject()
                    ? cluster(targetNode, path + ".target", source, problems)
                    : null;
            final String target = cluster != null
                    ? ClusterTarget.KIND
                    : targetNode != null && targetNode.isObject()
                            ? null
                            : Optional.ofNullable(text(n, "target", path, source, problems, false))
                                    .orElse("local");
            final String targetNamespace = targetNode != null && targetNode.isObject()
                    ? text(targetNode, "namespace", path + ".target", source, problems, false)
                    : null;
            final String promotionText = Optional.ofNullable(text(n, "promotion", path, source, problems, false))
                    .orElse("auto");
            if (name != null && !DnsLabel.valid(name)) {
                problems.add(Problem.of(source, path + ".name", "'" + name + "' must be a DNS label (a-z, 0-9, -)"));
            }
            if (name != null && !names.add(name)) {
                problems.add(Problem.of(source, path + ".name", "duplicate environment '" + name + "'"));
            }
            final String f = folder == null ? name : folder.replaceAll("^/+|/+$", "");
            if (f != null
                    && (!FOLDER.matcher(f).matches()
                            || f.equals(".")
                            || f.contains("..")
                            || f.equals("artifacts")
                            || f.startsWith(".git"))) {
                problems.add(Problem.of(
                        source,
                        path + ".folder",
                        "'" + folder + "' must be a relative folder inside the"
                                + " repository (not '.', '..', 'artifacts' or '.git')"));
            } else if (f != null && !folders.add(f)) {
                problems.add(Problem.of(source, path + ".folder", "folder '" + f + "' is used by another environment"));
            }
            if (namespace != null && targetNamespace != null && !namespace.equals(targetNamespace)) {
                problems.add(Problem.of(
                        source,
                        path + ".target.namespace",
                        "'" + targetNamespace + "' differs from " + path + ".namespace '" + namespace
                                + "' (give one of them)"));
            }
            final String ns = namespace != null ? namespace : targetNamespace != null ? targetNamespace : name;
            if (ns != null && !DnsLabel.valid(ns)) {
                problems.add(Problem.of(source, path + ".namespace", "'" + ns + "' must be a DNS label"));
            } else if (ns != null && !namespaces.add(ns)) {
                problems.add(Problem.of(
                        source, path + ".namespace", "namespace '" + ns + "' is used by another" + " environment"));
            }
            if (target != null && !TARGETS.contains(target) && cluster == null) {
                problems.add(Problem.of(
                        source,
                        path + ".target",
                        "unknown target '" + target + "' (known: local, or a"
                                + " mapping {kind: kubernetes, mode: native|seldon, …})"));
            }
            PromotionPolicy policy = null;
            try {
                policy = PromotionPolicy.valueOf(promotionText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(Problem.of(
                        source,
                        path + ".promotion",
                        "'" + promotionText + "' is not a promotion policy (auto or approval)"));
            }
            final List<String> approvers = new ArrayList<>();
            final JsonNode a = n.get("approvers");
            if (a != null && !a.isNull()) {
                if (!a.isArray()) {
                    problems.add(Problem.of(source, path + ".approvers", "must be a list of user names"));
                } else {
                    for (int k = 0; k < a.size(); k++) {
                        if (!a.get(k).isTextual() || a.get(k).asText().isBlank()) {
                            problems.add(Problem.of(source, path + ".approvers[" + k + "]", "must be a user name"));
                        } else {
                            approvers.add(a.get(k).asText());
                        }
                    }
                }
            }
            if (policy == PromotionPolicy.APPROVAL && approvers.isEmpty() && (a == null || a.isArray())) {
                problems.add(Problem.of(
                        source, path + ".approvers", "an approval environment needs at least one" + " approver"));
            }
            if (policy == PromotionPolicy.AUTO && !approvers.isEmpty()) {
                problems.add(Problem.of(source, path + ".approvers", "approvers only apply to 'promotion: approval'"));
            }
            final Environment.RequestLog requestLog =
                    requestLog(n.get("requestLog"), path + ".requestLog", source, problems);
            if (name != null
                    && f != null
                    && ns != null
                    && policy != null
                    && (target != null && TARGETS.contains(target) || cluster != null)) {
                envs.add(new Environment(name, f, ns, target, policy, approvers, cluster, requestLog));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new Environments(envs);
    }

    /** A problem for each field of {@code node} that is not one of {@code known}. */
    private static void unknownFields(
            JsonNode node, Set<String> known, String path, String source, List<Problem> problems) {
        for (final Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            final String f = it.next();
            if (!known.contains(f)) {
                problems.add(Problem.of(
                        source,
                        path + "." + f,
                        "unknown field (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static ClusterTarget cluster(JsonNode t, String path, String source, List<Problem> problems) {
        final int before = problems.size();
        unknownFields(t, TARGET_FIELDS, path, source, problems);
        final String kind = text(t, "kind", path, source, problems, true);
        if (kind != null && !kind.equals(ClusterTarget.KIND)) {
            problems.add(Problem.of(
                    source,
                    path + ".kind",
                    "'" + kind + "' is not a target kind (kubernetes; or write" + " target: local)"));
        }
        final String mode = text(t, "mode", path, source, problems, true);
        if (mode != null && !MODES.contains(mode)) {
            problems.add(Problem.of(source, path + ".mode", "'" + mode + "' is not a mode (native or seldon)"));
        }
        final String context = text(t, "context", path, source, problems, false);
        if (context != null && !CONTEXT.matcher(context).matches()) {
            problems.add(Problem.of(source, path + ".context", "'" + context + "' is not a kubeconfig context name"));
        }
        final String registry = text(t, "registry", path, source, problems, false);
        if (registry != null && !REGISTRY.matcher(registry).matches()) {
            problems.add(Problem.of(
                    source,
                    path + ".registry",
                    "'" + registry + "' must be HOST[:PORT]/PREFIX (lower" + " case, no scheme, no tag)"));
        }
        final String artifacts = text(t, "artifacts", path, source, problems, false);
        if (artifacts != null && (!ARTIFACTS.matcher(artifacts).matches() || artifacts.contains(".."))) {
            problems.add(Problem.of(
                    source,
                    path + ".artifacts",
                    "'" + artifacts + "' must be s3://BUCKET/PREFIX or" + " gs://BUCKET/PREFIX"));
        }
        return problems.size() == before && mode != null
                ? new ClusterTarget(mode, context, registry, artifacts == null ? null : artifacts.replaceAll("/+$", ""))
                : null;
    }

    /** {@code requestLog: {url: http(s)://…}}, or null when absent or wrong (the problem is added). */
    private static Environment.RequestLog requestLog(JsonNode r, String path, String source, List<Problem> problems) {
        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.isObject()) {
            problems.add(Problem.of(source, path, "must be a mapping {url: http://…}"));
            return null;
        }
        final int before = problems.size();
        for (final Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            final String f = it.next();
            if (!REQUEST_LOG_FIELDS.contains(f)) {
                problems.add(Problem.of(source, path + "." + f, "unknown field (known: url)"));
            }
        }
        final String url = text(r, "url", path, source, problems, true);
        if (url != null) {
            final String problem = dev.slipway.support.HttpUrls.problem("url", url);
            if (problem != null) {
                problems.add(Problem.of(source, path + ".url", problem.substring("url: ".length())));
            }
        }
        return problems.size() == before && url != null ? new Environment.RequestLog(url.strip()) : null;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String text(
            JsonNode n, String field, String path, String source, List<Problem> problems, boolean required) {
        final JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(Problem.of(source, path + "." + field, "is required"));
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(Problem.of(source, path + "." + field, "must be a non-empty string"));
            return null;
        }
        return v.asText();
    }
}
