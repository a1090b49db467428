package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a {@code PUT} (202 {@code accepted}) or a {@code DELETE} (202 {@code deleting}, 200 {@code deleted})
 * of {@code /api/v1/namespaces/{ns}/deployments/{name}} that does not wait for the rollout.
 *
 * @param namespace the deployment's namespace
 * @param name its name
 * @param accepted true for an accepted apply (null otherwise)
 * @param deleting true when a delete is under way (null otherwise)
 * @param deleted true when the deployment is gone (null otherwise)
 * @param warnings what the applied spec asks for that is ignored here (applies only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentChange(
        String namespace, String name, Boolean accepted, Boolean deleting, Boolean deleted, List<String> warnings) {

    /** An accepted apply. */
    public static DeploymentChange accepted(String namespace, String name, List<String> warnings) {
        return new DeploymentChange(namespace, name, true, null, null, List.copyOf(warnings));
    }

    /** A delete under way. */
    public static DeploymentChange deleting(String namespace, String name) {
        return new DeploymentChange(namespace, name, null, true, null, null);
    }

    /** A finished delete. */
    public static DeploymentChange deleted(String namespace, String name) {
        return new DeploymentChange(namespace, name, null, null, true, null);
    }
}
