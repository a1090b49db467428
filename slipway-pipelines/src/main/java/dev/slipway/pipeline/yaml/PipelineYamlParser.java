package dev.slipway.pipeline.yaml;

import dev.slipway.pipeline.model.PipelineFile;
import dev.slipway.support.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a {@code jenkins-x.yml} into a {@link PipelineFile}. Untrusted input: size, nesting, node count
 * and alias expansion are bounded. Every problem names the file, the field's path and its line and
 * column; they are thrown together as one {@link PipelineException}.
 */
public final class PipelineYamlParser {

    /** The file a model repository keeps its pipelines in. */
    public static final String FILE_NAME = "jenkins-x.yml";

    private final YamlTreeReader reader;

    public PipelineYamlParser() {
        this(Limits.DEFAULT);
    }

    PipelineYamlParser(Limits limits) {
        this.reader = new YamlTreeReader(limits);
    }

    /** Parses YAML text; {@code file} names it in errors. */
    public PipelineFile parse(String file, String yaml) {
        return parse(file, yaml.getBytes(StandardCharsets.UTF_8));
    }

    public PipelineFile parse(String file, byte[] yaml) {
        return new PipelineReader(file).read(reader.read(file, yaml));
    }

    /** Reads {@code jenkins-x.yml} (or {@code jenkins-x.yaml}) from a folder. */
    public PipelineFile parseRepository(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file) && Files.exists(dir.resolve("jenkins-x.yaml"))) {
            file = dir.resolve("jenkins-x.yaml");
        }
        return parse(file);
    }

    public PipelineFile parse(Path file) {
        try {
            long size = Files.size(file);
            if (size > Limits.DEFAULT.maxDocumentBytes()) {
                throw PipelineException.single(
                        file.toString(),
                        "",
                        "file is " + size + " bytes; the limit is " + Limits.DEFAULT.maxDocumentBytes(),
                        0,
                        0);
            }
            return parse(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw PipelineException.single(
                    file.toString(), "", "no such file: a model repository keeps its pipelines in " + FILE_NAME, 0, 0);
        } catch (IOException e) {
            throw PipelineException.single(file.toString(), "", "cannot read: " + e.getMessage(), 0, 0);
        }
    }
}
