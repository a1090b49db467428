package dev.slipway.gitops.promote;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.spec.SpecParser;
import java.util.Map;

/**
 * What a promotion request's diff shows besides the repository's own lines: for an environment on a cluster, the
 * objects its manifests become (so what is approved is what runs). Implemented where rendering lives.
 */
@FunctionalInterface
public interface RenderedDiff {

    /** Nothing besides the repository's diff. */
    RenderedDiff NONE = (env, before, after) -> "";

    /**
     * One side of the request: the environment folder's files (path → text, not recursive), where their relative
     * paths point (exported copies at that side's commit), and the parser knowing that commit's registered servers.
     */
    record Side(Map<String, String> files, SpecParser.RelativePaths paths, SpecParser parser) {}

    /** The text appended to the diff of a request to {@code env} (empty: nothing). */
    String diff(Environment env, Side before, Side after);
}
