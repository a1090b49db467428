package dev.slipway.pipeline.yaml;

import dev.slipway.pipeline.model.Agent;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.PipelineFile;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.Stage;
import dev.slipway.pipeline.model.Step;
import dev.slipway.support.Durations;
import dev.slipway.support.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a YAML tree into pipeline templates, collecting every problem with its path, line and column.
 * Unknown fields are errors (a typo must not silently drop a step).
 */
final class PipelineReader {

    /** Jenkins X's workspace root inside its build pods: a {@code dir} under it maps to the workspace root. */
    static final String JX_WORKSPACE = "/workspace/source";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String file;
    private final Problems problems;
    private final List<String> warnings = new ArrayList<>();

    PipelineReader(String file) {
        this.file = file;
        this.problems = Problems.in(file);
    }

    PipelineFile read(YamlNode root) {
        Map<PipelineKind, Pipeline> pipelines = new EnumMap<>(PipelineKind.class);
        String buildPack = null;
        YamlNode.Mapping top = mapping(root, "", Set.of("buildPack", "pipelineConfig"));
        if (top != null) {
            buildPack = string(top, "buildPack", "", false);
            if (buildPack != null && !buildPack.equals("none")) {
                problem(
                        "buildPack",
                        top.entries().get("buildPack"),
                        "'" + buildPack
                                + "' is not supported: Slipway has no build packs; use buildPack: none and write the stages");
            }
            YamlNode.Mapping config =
                    mapping(require(top, "pipelineConfig", ""), "pipelineConfig", Set.of("pipelines", "env", "agent"));
            if (config != null) {
                Map<String, String> globalEnv = env(config.entries().get("env"), "pipelineConfig.env");
                Agent globalAgent = agent(config.entries().get("agent"), "pipelineConfig.agent");
                YamlNode.Mapping ps = mapping(
                        require(config, "pipelines", "pipelineConfig"),
                        "pipelineConfig.pipelines",
                        Set.of("release", "pullRequest", "feature", "overrides"));
                if (ps != null) {
                    for (PipelineKind kind : PipelineKind.values()) {
                        YamlNode p = ps.entries().get(kind.yamlName());
                        if (p != null) {
                            String path = "pipelineConfig.pipelines." + kind.yamlName();
                            YamlNode.Mapping holder = mapping(p, path, Set.of("pipeline"));
                            if (holder != null) {
                                Pipeline pipeline = pipeline(
                                        kind,
                                        require(holder, "pipeline", path),
                                        path + ".pipeline",
                                        globalEnv,
                                        globalAgent);
                                if (pipeline != null) {
                                    pipelines.put(kind, pipeline);
                                }
                            }
                        }
                    }
                    for (String other : List.of("feature", "overrides")) {
                        if (ps.entries().containsKey(other)) {
                            problem(
                                    "pipelineConfig.pipelines." + other,
                                    ps.entries().get(other),
                                    "not supported (only release and pullRequest)");
                        }
                    }
                    if (pipelines.isEmpty() && problems.isEmpty()) {
                        problem("pipelineConfig.pipelines", ps, "defines neither release nor pullRequest");
                    }
                }
            }
        }
        problems.throwIfAny(PipelineException::new);
        Set<String> images = new java.util.LinkedHashSet<>();
        pipelines.values().forEach(p -> images.addAll(p.images()));
        images.forEach(i -> warnings.add("agent image " + i + " is ignored: steps run as local processes"));
        return new PipelineFile(buildPack == null ? "none" : buildPack, pipelines, warnings);
    }

    private Pipeline pipeline(
            PipelineKind kind, YamlNode node, String path, Map<String, String> globalEnv, Agent globalAgent) {
        YamlNode.Mapping m =
                mapping(node, path, Set.of("agent", "environment", "env", "options", "stages", "credentials"));
        if (m == null) {
            return null;
        }
        Agent agent = agent(m.entries().get("agent"), path + ".agent");
        Map<String, String> env = new LinkedHashMap<>(globalEnv);
        env.putAll(env(envNode(m, path), path + "." + envKey(m)));
        Duration timeout = options(m.entries().get("options"), path + ".options");
        List<String> credentials = credentials(m.entries().get("credentials"), path + ".credentials");
        List<Stage> stages = new ArrayList<>();
        YamlNode.Sequence list = sequence(require(m, "stages", path), path + ".stages");
        if (list != null) {
            if (list.items().isEmpty()) {
                problem(path + ".stages", list, "empty: a pipeline needs at least one stage");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.items().size(); i++) {
                Stage s = stage(list.items().get(i), path + ".stages[" + i + "]");
                if (s != null && !names.add(s.name())) {
                    problem(
                            path + ".stages[" + i + "].name",
                            list.items().get(i),
                            "duplicate stage name '" + s.name() + "'");
                }
                if (s != null) {
                    stages.add(s);
                }
            }
        }
        return new Pipeline(kind, agent.isEmpty() ? globalAgent : agent, env, timeout, credentials, stages);
    }

    private Stage stage(YamlNode node, String path) {
        YamlNode.Mapping m = mapping(
                node, path, Set.of("name", "agent", "environment", "env", "options", "steps", "stages", "parallel"));
        if (m == null) {
            return null;
        }
        for (String nested : List.of("stages", "parallel")) {
            if (m.entries().containsKey(nested)) {
                problem(
                        path + "." + nested,
                        m.entries().get(nested),
                        "nested stages are not supported: list the stages in order");
            }
        }
        String name = string(m, "name", path, true);
        Agent agent = agent(m.entries().get("agent"), path + ".agent");
        Map<String, String> env = env(envNode(m, path), path + "." + envKey(m));
        Duration timeout = options(m.entries().get("options"), path + ".options");
        List<Step> steps = new ArrayList<>();
        YamlNode.Sequence list = sequence(require(m, "steps", path), path + ".steps");
        if (list != null) {
            if (list.items().isEmpty()) {
                problem(path + ".steps", list, "empty: a stage needs at least one step");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.items().size(); i++) {
                Step s = step(list.items().get(i), path + ".steps[" + i + "]", i);
                if (s != null && !names.add(s.name())) {
                    problem(
                            path + ".steps[" + i + "].name",
                            list.items().get(i),
                            "duplicate step name '" + s.name() + "'");
                }
                if (s != null) {
                    steps.add(s);
                }
            }
        }
        return name == null ? null : new Stage(name, agent, env, timeout, steps);
    }

    private Step step(YamlNode node, String path, int index) {
        YamlNode.Mapping m = mapping(
                node, path, Set.of("name", "command", "sh", "args", "dir", "env", "environment", "timeout", "image"));
        if (m == null) {
            return null;
        }
        String name = string(m, "name", path, false);
        String command = string(m, "command", path, false);
        String sh = string(m, "sh", path, false);
        if (command != null && sh != null) {
            problem(path + ".sh", m.entries().get("sh"), "give command or sh, not both");
        } else if (command == null && sh == null && !m.entries().containsKey("command")) {
            problem(path + ".command", m, "missing");
        }
        List<String> args = strings(m.entries().get("args"), path + ".args");
        if (sh != null && !args.isEmpty()) {
            problem(path + ".args", m.entries().get("args"), "an sh step takes no args: write them in the sh line");
        }
        if (command != null && command.isBlank()) {
            problem(path + ".command", m.entries().get("command"), "empty");
        } else if (command != null && !args.isEmpty() && Step.hasShellSyntax(command)) {
            problem(
                    path + ".command",
                    m.entries().get("command"),
                    "'" + command + "' holds shell syntax but has args; "
                            + "a command with args runs without a shell: give the program alone in command, or put the whole line in command with no args");
        }
        String dir =
                dir(string(m, "dir", path, false), path + ".dir", m.entries().get("dir"));
        Map<String, String> env = env(envNode(m, path), path + "." + envKey(m));
        Duration timeout = timeout(m.entries().get("timeout"), path + ".timeout");
        String image = string(m, "image", path, false);
        if (image != null) {
            warnings.add(path + ".image " + image + " is ignored: steps run as local processes");
        }
        String cmd = sh != null ? sh : command;
        if (cmd == null) {
            return null;
        }
        return new Step(name != null ? name : "step-" + (index + 1), cmd, args, dir, env, timeout);
    }

    private String dir(String dir, String path, YamlNode node) {
        if (dir == null) {
            return null;
        }
        String d = dir;
        if (d.equals(JX_WORKSPACE) || d.startsWith(JX_WORKSPACE + "/")) {
            d = d.substring(JX_WORKSPACE.length());
            d = d.startsWith("/") ? d.substring(1) : d;
        } else if (d.startsWith("/")) {
            problem(
                    path,
                    node,
                    "'" + dir + "' is absolute: use a path relative to the repository, or under " + JX_WORKSPACE);
            return null;
        }
        for (String part : d.split("/")) {
            if (part.equals("..")) {
                problem(path, node, "'" + dir + "' leaves the workspace");
                return null;
            }
        }
        return d.isEmpty() || d.equals(".") ? null : d;
    }

    private Agent agent(YamlNode node, String path) {
        if (node == null) {
            return Agent.NONE;
        }
        YamlNode.Mapping m = mapping(node, path, Set.of("image", "label", "container", "dir"));
        return m == null ? Agent.NONE : new Agent(string(m, "image", path, false), string(m, "label", path, false));
    }

    private Duration options(YamlNode node, String path) {
        if (node == null) {
            return null;
        }
        YamlNode.Mapping m = mapping(node, path, Set.of("timeout"));
        return m == null ? null : timeout(m.entries().get("timeout"), path + ".timeout");
    }

    /** {@code timeout: 90s} or {@code timeout: {time: 15, unit: minutes}}. */
    private Duration timeout(YamlNode node, String path) {
        if (node == null) {
            return null;
        }
        try {
            if (node instanceof YamlNode.Scalar s && !s.isNull()) {
                return Durations.parsePositive(s.text());
            }
            YamlNode.Mapping m = mapping(node, path, Set.of("time", "unit"));
            if (m == null) {
                return null;
            }
            String time = string(m, "time", path, true);
            String unit = m.entries().containsKey("unit") ? string(m, "unit", path, true) : "minutes";
            if (time == null || unit == null) {
                return null;
            }
            long t;
            try {
                t = Long.parseLong(time.trim());
            } catch (NumberFormatException e) {
                problem(path + ".time", m.entries().get("time"), "'" + time + "' is not a whole number");
                return null;
            }
            return Durations.of(t, unit);
        } catch (IllegalArgumentException e) {
            problem(path, node, e.getMessage());
            return null;
        }
    }

    private List<String> credentials(YamlNode node, String path) {
        List<String> names = strings(node, path);
        for (int i = 0; i < names.size(); i++) {
            if (!ENV_NAME.matcher(names.get(i)).matches()) {
                problem(
                        path + "[" + i + "]",
                        ((YamlNode.Sequence) node).items().get(i),
                        "'" + names.get(i)
                                + "' is not a valid name (letters, digits, _; the step sees it as an environment variable)");
            }
        }
        return names;
    }

    private static String envKey(YamlNode.Mapping m) {
        return m.entries().containsKey("environment") ? "environment" : "env";
    }

    private YamlNode envNode(YamlNode.Mapping m, String path) {
        if (m.entries().containsKey("environment") && m.entries().containsKey("env")) {
            problem(path + ".env", m.entries().get("env"), "give env or environment, not both");
        }
        return m.entries().containsKey("environment")
                ? m.entries().get("environment")
                : m.entries().get("env");
    }

    /** {@code [{name, value}]} as in Kubernetes and Jenkins X, or a plain mapping of names to values. */
    private Map<String, String> env(YamlNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node instanceof YamlNode.Scalar s && s.isNull()) {
            return out;
        }
        if (node instanceof YamlNode.Mapping m) {
            m.entries().forEach((k, v) -> putEnv(out, k, scalar(v, path + "." + k), path + "." + k, v));
            return out;
        }
        YamlNode.Sequence list = sequence(node, path);
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String p = path + "[" + i + "]";
            YamlNode.Mapping e = mapping(list.items().get(i), p, Set.of("name", "value", "valueFrom"));
            if (e == null) {
                continue;
            }
            if (e.entries().containsKey("valueFrom")) {
                problem(
                        p + ".valueFrom",
                        e.entries().get("valueFrom"),
                        "not supported: name stored credentials in the pipeline's credentials list");
                continue;
            }
            String name = string(e, "name", p, true);
            String value = e.entries().containsKey("value") ? scalar(e.entries().get("value"), p + ".value") : "";
            if (name != null) {
                putEnv(out, name, value, p + ".name", e);
            }
        }
        return out;
    }

    private void putEnv(Map<String, String> out, String name, String value, String path, YamlNode node) {
        if (!ENV_NAME.matcher(name).matches()) {
            problem(path, node, "'" + name + "' is not a valid environment variable name");
        } else if (out.put(name, value == null ? "" : value) != null) {
            problem(path, node, "'" + name + "' is set twice");
        }
    }

    private List<String> strings(YamlNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node == null || node instanceof YamlNode.Scalar s && s.isNull()) {
            return out;
        }
        YamlNode.Sequence list = sequence(node, path);
        if (list != null) {
            for (int i = 0; i < list.items().size(); i++) {
                String v = scalar(list.items().get(i), path + "[" + i + "]");
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private YamlNode require(YamlNode.Mapping m, String key, String parent) {
        YamlNode v = m.entries().get(key);
        if (v == null) {
            problem(join(parent, key), m, "missing");
        }
        return v;
    }

    private String string(YamlNode.Mapping m, String key, String parent, boolean required) {
        YamlNode v = m.entries().get(key);
        if (v == null) {
            if (required) {
                problem(join(parent, key), m, "missing");
            }
            return null;
        }
        String s = scalar(v, join(parent, key));
        if (s == null && required && v instanceof YamlNode.Scalar) {
            problem(join(parent, key), v, "missing (null)");
        }
        return s;
    }

    /** A scalar's text (numbers and booleans as written); a mapping or list is a problem. */
    private String scalar(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s) {
            return s.text();
        }
        problem(path, node, "expected a single value, found " + node.kind());
        return null;
    }

    private YamlNode.Mapping mapping(YamlNode node, String path, Set<String> known) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(path, node, "expected a mapping, found " + node.kind());
            return null;
        }
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                problem(
                        join(path, e.getKey()),
                        e.getValue(),
                        "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
        return m;
    }

    private YamlNode.Sequence sequence(YamlNode node, String path) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlNode.Sequence s)) {
            problem(path, node, "expected a list, found " + node.kind());
            return null;
        }
        return s;
    }

    private void problem(String path, YamlNode at, String message) {
        problems.add(path, message, at == null ? 0 : at.line(), at == null ? 0 : at.column());
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }
}
