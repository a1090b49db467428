package dev.slipway.pipeline.run;

import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.PipelineFile;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.secret.CredentialSource;
import dev.slipway.pipeline.yaml.PipelineException;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import dev.slipway.support.Problems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the pipeline of a run from its workspace: the file's chosen pipeline, and the values of the
 * credentials it names (an unknown name is an error naming the field and the stored names).
 */
final class PipelineLoader {

    /** The pipeline to run, what the file warned about, and the credential values it asked for. */
    record Loaded(Pipeline pipeline, List<String> warnings, Map<String, String> credentials) {}

    private final PipelineYamlParser parser;
    private final CredentialSource credentials;

    PipelineLoader(PipelineYamlParser parser, CredentialSource credentials) {
        this.parser = parser;
        this.credentials = credentials;
    }

    Loaded load(Path workspace, PipelineKind kind) {
        return load(workspace, kind, null, "");
    }

    /**
     * As {@link #load(Path, PipelineKind)}, for a run of {@code repository} on {@code branch}: a credential
     * whose scope does not allow that run fails it, naming the scope (null repository: no scope check).
     */
    Loaded load(Path workspace, PipelineKind kind, String repository, String branch) {
        PipelineFile file = parser.parseRepository(workspace);
        Pipeline pipeline = file.pipeline(kind)
                .orElseThrow(() -> PipelineException.single(
                        PipelineYamlParser.FILE_NAME,
                        "pipelineConfig.pipelines." + kind.yamlName(),
                        "missing: the file defines "
                                + String.join(
                                        ", ",
                                        file.pipelines().keySet().stream()
                                                .map(PipelineKind::yamlName)
                                                .toList()),
                        0,
                        0));
        Map<String, String> values = new LinkedHashMap<>();
        Problems problems = Problems.in(PipelineYamlParser.FILE_NAME);
        for (int i = 0; i < pipeline.credentials().size(); i++) {
            String name = pipeline.credentials().get(i);
            var value = credentials.get(name);
            if (value.isEmpty()) {
                problems.add(
                        "pipelineConfig.pipelines." + kind.yamlName() + ".pipeline.credentials[" + i + "]",
                        "unknown credential '" + name + "' (stored: "
                                + (credentials.names().isEmpty() ? "none" : String.join(", ", credentials.names()))
                                + "; add it with: slipway credentials set " + name + " --from-env VAR)");
            } else if (repository != null && credentials.scope(name).refusal(repository, branch, kind) != null) {
                problems.add(
                        "pipelineConfig.pipelines." + kind.yamlName() + ".pipeline.credentials[" + i + "]",
                        "credential '" + name + "' is out of scope for this run: "
                                + credentials.scope(name).refusal(repository, branch, kind) + " (scope "
                                + credentials.scope(name).describe()
                                + "; widen it with: slipway credentials set " + name
                                + " --repository R --branch B --pipeline P)");
            } else {
                values.put(name, value.get());
            }
        }
        problems.throwIfAny(PipelineException::new);
        return new Loaded(pipeline, file.warnings(), values);
    }
}
