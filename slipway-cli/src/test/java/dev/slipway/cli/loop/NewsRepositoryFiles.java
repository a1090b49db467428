package dev.slipway.cli.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.quickstart.ModelRepositoryTemplate;
import dev.slipway.testing.ReferenceFixture;
import java.nio.file.Path;

/**
 * A news-classifier model repository in the shape of the reference's (and of {@code slipway repo create
 * --template sklearn}): the model under {@code deploy/model}, {@code deploy/SeldonDeployment-NAME.yaml}
 * ({@code modelUri: ./model}, {@code method=predict}), unit cases in {@code tests/model-cases.yaml},
 * end-to-end cases in {@code integration/cases.yaml}, and {@code jenkins-x.yml} with the stages Test, Test
 * integration and Promote — written by the product's template; the expected answers the tests check come from
 * the shared {@code news-nb} fixture.
 */
public final class NewsRepositoryFiles {

    private NewsRepositoryFiles() {}

    /** The first {@code n} held-out texts of the fixture, as JSON strings. */
    public static String texts(int n) {
        JsonNode in = ReferenceFixture.named("news-nb").inputs().path("data").path("ndarray");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append(in.get(i).toString());
        }
        return "[" + b + "]";
    }

    /** Their expected labels ({@code predict}). */
    public static String labels(int n) {
        JsonNode out = ReferenceFixture.named("news-nb").expected().path("predict");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append(out.get(i).toString());
        }
        return "[" + b + "]";
    }

    /**
     * Writes the repository's files into {@code dir} (not a git repository yet) with the product's own
     * template, the one {@code slipway quickstart} uses; the assertions keep Python's outputs
     * ({@link #texts}, {@link #labels}) as their independent oracle.
     */
    public static Path write(Path dir, String name) {
        return ModelRepositoryTemplate.bundled().create(dir, name);
    }
}
