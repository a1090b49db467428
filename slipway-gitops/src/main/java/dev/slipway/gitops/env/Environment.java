package dev.slipway.gitops.env;

import java.util.List;
import java.util.Objects;

/**
 * One environment of a GitOps repository.
 *
 * @param name its name ({@code staging})
 * @param folder the repository folder holding its manifests, without slashes at either end ({@code staging})
 * @param namespace the namespace its deployments run in
 * @param target the runtime target that runs them ({@code local})
 * @param promotion how changes reach it
 * @param approvers who may approve promotion requests (and roll back directly) when {@code promotion} is APPROVAL
 * @param cluster the cluster settings when {@code target} is {@code kubernetes}, else null
 * @param requestLog where its deployments' request-log events go by default ({@code requestLog: {url}}), or null
 */
public record Environment(
        String name,
        String folder,
        String namespace,
        String target,
        PromotionPolicy promotion,
        List<String> approvers,
        ClusterTarget cluster,
        RequestLog requestLog) {

    /**
     * An environment's request-log sink: the default for its deployments' logged nodes that name none.
     *
     * @param url the sink's URL (CloudEvents over HTTP)
     */
    public record RequestLog(String url) {
        public RequestLog {
            Objects.requireNonNull(url, "url");
        }
    }

    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(promotion, "promotion");
        approvers = List.copyOf(approvers);
        if (ClusterTarget.KIND.equals(target) != (cluster != null)) {
            throw new IllegalArgumentException(
                    "target " + target + (cluster == null ? " needs" : " takes no") + " cluster settings");
        }
    }

    /** True when the environment runs on a Kubernetes cluster. */
    public boolean onKubernetes() {
        return cluster != null;
    }

    /** True when {@code user} is a listed approver. */
    public boolean isApprover(String user) {
        return approvers.contains(user);
    }

    /** The folder as a path prefix ({@code staging/}). */
    public String prefix() {
        return folder + "/";
    }
}
