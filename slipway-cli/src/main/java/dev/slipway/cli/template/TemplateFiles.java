package dev.slipway.cli.template;

import dev.slipway.protocol.json.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The files of a repository template, rendered for one repository. A template is the resources under
 * {@code dev/slipway/cli/templates/ID/}, listed by its {@code files.txt}: one file per line, {@code SOURCE} (written
 * to the same path) or {@code SOURCE -> TARGET}, {@code #} starts a comment. A line starting with {@code binary}
 * copies the bytes unchanged (models, images); every other file is UTF-8 text in which exactly the tokens
 * {@code ${NAME}}, {@code ${SERVER}} and {@code ${SLIPWAY_VERSION}} are replaced — anything else, such as Maven's
 * own {@code ${project.version}}, stays as written. Target paths get the same substitution.
 */
public final class TemplateFiles {

    /** The resource folder holding one folder per template. */
    static final String ROOT = "/dev/slipway/cli/templates/";

    private TemplateFiles() {}

    /**
     * What the tokens become.
     *
     * @param name {@code ${NAME}}: the repository, deployment and artifact name
     * @param server {@code ${SERVER}}: the implementation name a server is registered under
     * @param slipwayVersion {@code ${SLIPWAY_VERSION}}: the version of this CLI, so of the model API it serves
     */
    public record Values(String name, String server, String slipwayVersion) {

        public Values {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(slipwayVersion, "slipwayVersion");
        }

        /** {@code text} with the three tokens replaced, and nothing else. */
        public String apply(String text) {
            return text.replace("${NAME}", name)
                    .replace("${SERVER}", server)
                    .replace("${SLIPWAY_VERSION}", slipwayVersion);
        }
    }

    /**
     * One file of a rendered template.
     *
     * @param path its path relative to the repository root ({@code /}-separated)
     * @param content its bytes (UTF-8 for text)
     * @param binary whether it was copied unchanged
     */
    public record RenderedFile(String path, byte[] content, boolean binary) {

        public RenderedFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }

        /** The content as text (UTF-8). */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** The files of template {@code id}, in {@code files.txt} order. */
    public static List<RenderedFile> render(String id, Values values) {
        final String base = ROOT + id + "/";
        final List<RenderedFile> files = new ArrayList<>();
        final String listing = text(base + "files.txt", resource(base + "files.txt"));
        for (final String line : listing.split("\\R")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            final boolean binary = entry.startsWith("binary ");
            if (binary) {
                entry = entry.substring("binary ".length()).strip();
            }
            final String[] parts = entry.split("\\s*->\\s*", 2);
            final String target = values.apply(parts.length == 2 ? parts[1] : parts[0]);
            final byte[] bytes = resource(base + parts[0]);
            files.add(new RenderedFile(
                    target,
                    binary ? bytes : values.apply(text(base + parts[0], bytes)).getBytes(StandardCharsets.UTF_8),
                    binary));
        }
        return List.copyOf(files);
    }

    /**
     * Writes {@code files} under {@code root}, which must not exist or be an empty folder; creates the folders they
     * need. Refuses paths that would leave {@code root}.
     */
    public static void write(Path root, List<RenderedFile> files) {
        final Path dir = root.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException(
                        dir + ": a file; a new repository needs a folder that does not exist " + "or is empty");
            }
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(dir
                                + ": not empty; a new repository needs a folder that does not " + "exist or is empty");
                    }
                }
            }
            for (final RenderedFile f : files) {
                final Path target = dir.resolve(f.path()).normalize();
                if (!target.startsWith(dir) || target.equals(dir)) {
                    throw new IllegalStateException("template file " + f.path() + " is outside the repository");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the repository: " + e.getMessage(), e);
        }
    }

    /**
     * The version of this CLI (its Maven project version, from a resource the build filters): what a server
     * repository's pom asks of {@code dev.slipway:slipway-model-api}.
     */
    public static String slipwayVersion() {
        return dev.slipway.cli.build.BuildInfo.load().version();
    }

    private static byte[] resource(String path) {
        try (InputStream in = TemplateFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template resource " + path + " is missing from the CLI");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    private static String text(String path, byte[] bytes) {
        final String text = Utf8.decodeStrict(bytes);
        if (text == null) {
            throw new IllegalStateException(
                    "template resource " + path + " is not UTF-8 text: mark it 'binary' in " + "files.txt");
        }
        return text;
    }
}
