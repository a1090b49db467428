package dev.slipway.gitops.target.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to start one replica of a graph node: a prepackaged server ({@code implementation}) or a custom one
 * ({@code modelClass} + {@code classpath}), its model, parameters and environment.
 *
 * @param nodeName the node's name (the server's {@code --name})
 * @param implementation prepackaged server name, or null for a custom server
 * @param modelUri the model URI, or null
 * @param parameters {@code name=value} pairs
 * @param modelClass the custom server's class, or null
 * @param classpath the custom server's classpath, or null
 * @param env extra environment variables
 * @param image an artifact reference ({@code NAME:VERSION}) whose jars become the classpath (and whose label names
 *     the class when {@code modelClass} is null), resolved when the replica is started; null when none
 */
public record LaunchSpec(
        String nodeName,
        String implementation,
        String modelUri,
        List<String> parameters,
        String modelClass,
        String classpath,
        Map<String, String> env,
        String image) {

    /** This launch with the artifact resolved: its class and classpath, no reference left to resolve. */
    public LaunchSpec resolved(String resolvedClass, String resolvedClasspath) {
        return new LaunchSpec(
                nodeName, implementation, modelUri, parameters, resolvedClass, resolvedClasspath, env, null);
    }

    /** The runtime that serves Python model servers. */
    public static final String PYTHON_RUNTIME = "PYTHON";

    /**
     * The implementation of a shared server process hosting many models ({@code slipway serve --packed}; see {@link
     * PackHost}): no model of its own.
     */
    public static final String PACKED_RUNTIME = "PACKED";

    /**
     * This launch with a Python model server's image resolved: the PYTHON runtime over {@code dir}, with the class
     * when one is named (else the runtime finds it), no reference left to resolve.
     */
    public LaunchSpec resolvedPython(java.nio.file.Path dir, String pythonClass) {
        final List<String> params = new java.util.ArrayList<>(parameters);
        params.add("slipway.python.dir=" + dir.toAbsolutePath());
        if (pythonClass != null) {
            params.add("slipway.python.class=" + pythonClass);
        }
        return new LaunchSpec(nodeName, PYTHON_RUNTIME, modelUri, params, null, null, env, null);
    }

    public LaunchSpec {
        Objects.requireNonNull(nodeName, "nodeName");
        parameters = List.copyOf(parameters);
        env = Map.copyOf(env);
    }

    /** A digest of everything that decides what the process runs: equal revisions need no restart. */
    public String revision() {
        final String text = String.join(
                "\u0000",
                nodeName,
                String.valueOf(implementation),
                String.valueOf(modelUri),
                String.join("\u0001", parameters),
                String.valueOf(modelClass),
                String.valueOf(classpath),
                new TreeMap<>(env).toString(),
                String.valueOf(image));
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
