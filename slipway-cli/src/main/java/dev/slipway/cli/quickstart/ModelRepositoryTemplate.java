package dev.slipway.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.cli.template.RepositoryTemplates;
import dev.slipway.cli.template.Template;
import dev.slipway.cli.template.TemplateFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The news-classifier model repository of the quickstart: the files of {@code slipway repo create NAME --template
 * sklearn} (the template's {@code deploy/model/model.joblib}, {@code deploy/SeldonDeployment-NAME.yaml} with
 * {@code SKLEARN_SERVER}, {@code modelUri: ./model}, {@code method=predict}, {@code tests/model-cases.yaml} (Test),
 * {@code integration/cases.yaml} (Test integration) and {@code jenkins-x.yml} with the stages Test, Test
 * integration and Promote), plus the sample texts the quickstart asks staging and production about.
 */
public final class ModelRepositoryTemplate {

    /** The bundled model's samples, copied next to the template by the build (examples/models/news-classifier). */
    static final String SAMPLES = "/dev/slipway/cli/templates/sklearn/samples.json";

    private static final ObjectMapper JSON = Mappers.json();

    private final JsonNode samples;

    private ModelRepositoryTemplate(JsonNode samples) {
        this.samples = samples;
    }

    /** The template with the bundled news classifier (a resource of the CLI). */
    public static ModelRepositoryTemplate bundled() {
        try (InputStream in = ModelRepositoryTemplate.class.getResourceAsStream(SAMPLES)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLES + " is missing from the CLI (build slipway-cli with Maven)");
            }
            final JsonNode n = JSON.readTree(in);
            if (!n.path("texts").isArray()
                    || !n.path("labels").isArray()
                    || n.get("texts").size() != n.get("labels").size()
                    || n.get("texts").size() < 2) {
                throw new IllegalStateException(
                        SAMPLES + ": texts and labels must be arrays of the same length (at least 2)");
            }
            return new ModelRepositoryTemplate(n);
        } catch (IOException e) {
            throw new UncheckedIOException(SAMPLES + ": " + e.getMessage(), e);
        }
    }

    /** The bundled sample texts (a JSON array). */
    public ArrayNode texts() {
        return (ArrayNode) samples.get("texts").deepCopy();
    }

    /** The labels the model gives the sample texts (a JSON array). */
    public ArrayNode labels() {
        return (ArrayNode) samples.get("labels").deepCopy();
    }

    /**
     * Writes the repository NAME into {@code dir} (which must not exist or be empty), without git: the files of
     * {@code slipway repo create NAME --template sklearn}.
     */
    public Path create(Path dir, String name) {
        TemplateFiles.write(dir, RepositoryTemplates.render(Template.SKLEARN, name, null));
        return dir;
    }
}
