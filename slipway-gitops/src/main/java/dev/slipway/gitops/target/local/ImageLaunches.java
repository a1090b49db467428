package dev.slipway.gitops.target.local;

import dev.slipway.artifact.ArtifactException;
import dev.slipway.artifact.ImageResolver;
import dev.slipway.artifact.ResolvedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the artifact references of a plan ({@link LaunchSpec#image()}) into class and classpath before any
 * replica starts: the jars of the extracted image, the class the container names, else the image's
 * {@code dev.slipway.model-class} label; a Python model server's image ({@code dev.slipway.python-class} label) runs
 * its extracted {@code /app/python} folder with the PYTHON runtime. An image that cannot be resolved fails the whole apply with an
 * {@link ImageFailure} naming node and reference, before anything running is touched. (A container that gives
 * {@code SLIPWAY_MODEL_CLASSPATH} never gets here: its image is only reported.)
 */
final class ImageLaunches {

    /** Why an apply stopped before starting anything: an image could not be resolved. */
    static final class ImageFailure extends RuntimeException {
        ImageFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ImageResolver images;

    ImageLaunches(ImageResolver images) {
        this.images = images;
    }

    List<NodePlan> resolve(List<NodePlan> plans) {
        final List<NodePlan> out = new ArrayList<>();
        for (final NodePlan plan : plans) {
            out.add(
                    plan.launch().image() == null
                            ? plan
                            : new NodePlan(plan.predictor(), plan.node(), plan.replicas(), resolve(plan)));
        }
        return out;
    }

    private LaunchSpec resolve(NodePlan plan) {
        final LaunchSpec launch = plan.launch();
        final String where =
                "node '" + plan.node() + "' of predictor '" + plan.predictor() + "': image '" + launch.image() + "'";
        if (images == null) {
            if (launch.modelClass() != null) {
                return launch.resolved(launch.modelClass(), null);
            }
            throw new ImageFailure(where + " cannot be resolved: this runtime has no artifact store", null);
        }
        try {
            final ResolvedImage image = images.resolve(launch.image());
            if (image.pythonDir().isPresent()) {
                final String label = image.artifact().pythonClass().orElse("");
                final String cls = launch.modelClass() != null ? launch.modelClass() : label.isEmpty() ? null : label;
                return launch.resolvedPython(image.pythonDir().get(), cls);
            }
            if (image.classpath().isEmpty()) {
                throw new ImageFailure(
                        where + " (" + image.artifact().digest() + ") holds no jars under /app/lib", null);
            }
            final String cls = launch.modelClass() != null
                    ? launch.modelClass()
                    : image.artifact()
                            .modelClass()
                            .orElseThrow(() -> new ImageFailure(
                                    where + " has no label "
                                            + "dev.slipway.model-class (published with --main-class?): name the Model class with env "
                                            + "SLIPWAY_MODEL_CLASS",
                                    null));
            return launch.resolved(cls, image.classpathString());
        } catch (ArtifactException e) {
            throw new ImageFailure(where + ": " + e.getMessage(), e);
        }
    }
}
