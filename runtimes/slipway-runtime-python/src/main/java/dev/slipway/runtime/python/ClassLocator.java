package dev.slipway.runtime.python;

import dev.slipway.model.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which class of a folder to serve, as Seldon's s2i builder decides it: the name given
 * ({@code Class} in {@code Class.py}, or {@code module.Class}), else {@code MODEL_NAME} of the folder's s2i
 * environment file ({@code .s2i/environment}, {@code environment}, {@code environment_rest}), else the only
 * top-level class of the folder's modules (tests left out).
 */
final class ClassLocator {

    /** A module and a class in it. */
    record Located(String module, String className) {
        String describe() {
            return module + "." + className;
        }
    }

    static final List<String> ENVIRONMENT_FILES = List.of(".s2i/environment", "environment", "environment_rest");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern CLASS_LINE = Pattern.compile("(?m)^class\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*[(:]");

    private ClassLocator() {}

    static Located locate(Path dir, String given) {
        if (!Files.isDirectory(dir)) {
            throw new ModelException.LoadFailure(
                    "the Python model folder " + dir + " does not exist or is not a folder");
        }
        if (given != null && !given.isBlank()) {
            return named(dir, given.trim(), "--python-class");
        }
        for (String file : ENVIRONMENT_FILES) {
            Optional<String> name = modelName(dir.resolve(file));
            if (name.isPresent()) {
                return named(dir, name.get(), file + " (MODEL_NAME)");
            }
        }
        List<Located> found = classes(dir);
        if (found.size() == 1) {
            return found.get(0);
        }
        List<Located> named =
                found.stream().filter(l -> l.module().equals(l.className())).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (found.isEmpty()) {
            throw new ModelException.LoadFailure("no Python class found in the modules of " + dir
                    + ": give --python-class NAME or MODEL_NAME in .s2i/environment");
        }
        throw new ModelException.LoadFailure("the modules of " + dir + " define several classes "
                + found.stream().map(Located::describe).toList()
                + ": choose one with --python-class NAME or MODEL_NAME in "
                + ".s2i/environment");
    }

    private static Located named(Path dir, String name, String where) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String module = name.substring(0, dot);
            String cls = name.substring(dot + 1);
            if (!MODULE.matcher(module).matches() || !IDENTIFIER.matcher(cls).matches()) {
                throw new ModelException.LoadFailure(
                        where + ": '" + name + "' is not a Python class name (Class or module.Class)");
            }
            return new Located(module, cls);
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new ModelException.LoadFailure(
                    where + ": '" + name + "' is not a Python class name (Class or module.Class)");
        }
        if (Files.isRegularFile(dir.resolve(name + ".py")) || Files.isDirectory(dir.resolve(name))) {
            return new Located(name, name);
        }
        List<Located> matching =
                classes(dir).stream().filter(l -> l.className().equals(name)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        throw new ModelException.LoadFailure(where + ": class '" + name + "' is not in " + dir
                + " (Seldon's rule: a class " + "Name lives in Name.py; or say module.Name)");
    }

    /** {@code MODEL_NAME} of an s2i environment file, when the file exists and says it. */
    static Optional<String> modelName(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.trim();
                if (t.startsWith("export ")) {
                    t = t.substring(7).trim();
                }
                if (t.startsWith("MODEL_NAME=")) {
                    String v = t.substring("MODEL_NAME=".length()).trim();
                    if (v.length() >= 2
                            && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return v.isEmpty() ? Optional.empty() : Optional.of(v);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new ModelException.LoadFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Located> classes(Path dir) {
        List<Located> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".py") || !Files.isRegularFile(f) || isTestOrSetup(file)) {
                    continue;
                }
                String module = file.substring(0, file.length() - 3);
                if (!IDENTIFIER.matcher(module).matches()) {
                    continue;
                }
                Matcher m = CLASS_LINE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    out.add(new Located(module, m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new ModelException.LoadFailure("cannot read the Python modules of " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static boolean isTestOrSetup(String file) {
        return file.startsWith("test_")
                || file.endsWith("_test.py")
                || file.equals("conftest.py")
                || file.equals("setup.py");
    }
}
