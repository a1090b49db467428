package dev.slipway.kubernetes.target;

import dev.slipway.gitops.env.ClusterTarget;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.promote.RenderedDiff;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.kubernetes.render.ObjectWriter;
import dev.slipway.kubernetes.render.RenderMode;
import dev.slipway.kubernetes.render.RenderOptions;
import dev.slipway.kubernetes.render.Renderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * The Kubernetes objects of a promotion to a mode-native environment, as a unified diff below the manifests' own
 * diff: each side's manifests rendered exactly as the Kubernetes target renders them ({@link Renderer}), with local
 * models pointing where publishing puts them ({@link ClusterPublisher#plan}), so what is approved is what runs.
 * Images of Slipway's artifact store stay {@code NAME:VERSION} here; the target pushes them and applies them by
 * digest. A manifest that does not render is named with its problem instead.
 */
public final class RenderedObjectsDiff implements RenderedDiff {

    private final Function<ClusterTarget, String> serverImages;
    private final Map<String, String> env;
    private final Renderer renderer = new Renderer();
    private final ObjectWriter writer = new ObjectWriter();

    /**
     * @param serverImages the server image an environment runs (as the Kubernetes target is given it)
     * @param env the environment publishing reads ({@code S3_ENDPOINT}, …; nothing is uploaded here)
     */
    public RenderedObjectsDiff(Function<ClusterTarget, String> serverImages, Map<String, String> env) {
        this.serverImages = Objects.requireNonNull(serverImages, "serverImages");
        this.env = Map.copyOf(env);
    }

    @Override
    public String diff(Environment environment, Side before, Side after) {
        if (!environment.onKubernetes()
                || !RenderMode.NATIVE.spelling().equals(environment.cluster().mode())) {
            return "";
        }
        final RenderOptions options = new RenderOptions(
                RenderMode.NATIVE, environment.namespace(), serverImages.apply(environment.cluster()));
        final ClusterPublisher planner = new ClusterPublisher(environment.cluster(), null, options.serverImage(), env);
        final String a = render(before, options, planner);
        final String b = render(after, options, planner);
        if (a.equals(b)) {
            return "";
        }
        final String path = "rendered/" + environment.name() + ".yaml";
        return "\n# The Kubernetes objects environment '" + environment.name() + "' applies (mode native, namespace "
                + environment.namespace() + ")\n" + unified(a, b, path);
    }

    private String render(Side side, RenderOptions options, ClusterPublisher planner) {
        final List<Manifest> manifests = new ArrayList<>();
        final StringBuilder problems = new StringBuilder();
        side.files().forEach((path, text) -> {
            if (!path.matches(".*\\.(ya?ml|json)$")) {
                return;
            }
            try {
                final Manifest m = side.parser().parseResolving(text, path, side.paths());
                manifests.add(planner.plan(m));
            } catch (SpecException | ClusterException | IllegalArgumentException e) {
                if (!isOtherKind(text)) {
                    problems.append("# ")
                            .append(path)
                            .append(": cannot render: ")
                            .append(e.getMessage().replace('\n', ' '))
                            .append('\n');
                }
            }
        });
        if (manifests.isEmpty()) {
            return problems.toString();
        }
        return problems + writer.write(renderer.all(manifests, options), ObjectWriter.Format.YAML);
    }

    private static boolean isOtherKind(String text) {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*\"?kind\"?\\s*:\\s*\"?([A-Za-z]+)")
                .matcher(text);
        return m.find() && !m.group(1).equals("SeldonDeployment");
    }

    private static String unified(String a, String b, String path) {
        final RawText left = new RawText(a.getBytes(StandardCharsets.UTF_8));
        final RawText right = new RawText(b.getBytes(StandardCharsets.UTF_8));
        final EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, left, right);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(5);
            f.format(edits, left, right);
            f.flush();
        } catch (IOException e) {
            throw new IllegalStateException("diff in memory: " + e.getMessage(), e);
        }
        return "--- " + (a.isEmpty() ? "/dev/null" : "a/" + path) + "\n+++ b/" + path + "\n"
                + out.toString(StandardCharsets.UTF_8);
    }
}
