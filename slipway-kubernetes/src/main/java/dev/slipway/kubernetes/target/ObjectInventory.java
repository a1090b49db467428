package dev.slipway.kubernetes.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Slipway applied for one deployment (or, under {@link #ENVIRONMENT}, for the environment itself) in one
 * namespace of one cluster: enough to reconnect and prune after a restart, even once the environment is gone from
 * {@code environments.yaml}.
 *
 * @param context the kubeconfig context used ("" for the current one)
 * @param mode {@code native} or {@code seldon}
 * @param namespace the namespace
 * @param name the deployment's name, or {@link #ENVIRONMENT}
 * @param digest the digest of the manifest last applied
 * @param objects each applied object with the JSON applied (drift is measured against it)
 */
public record ObjectInventory(
        String context, String mode, String namespace, String name, String digest, List<Applied> objects) {

    /** The name under which the environment's own objects (the gateway) are recorded. */
    public static final String ENVIRONMENT = ".environment";

    public ObjectInventory {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        objects = List.copyOf(objects);
    }

    /** One applied object and the JSON that was applied. */
    public record Applied(ObjectRef ref, Map<String, Object> applied) {}

    /** This inventory with {@code applied} added or replaced. */
    public ObjectInventory with(Applied applied) {
        final List<Applied> list = new ArrayList<>();
        for (final Applied a : objects) {
            if (!a.ref().equals(applied.ref())) {
                list.add(a);
            }
        }
        list.add(applied);
        return new ObjectInventory(context, mode, namespace, name, digest, list);
    }

    /** This inventory without {@code ref}. */
    public ObjectInventory without(ObjectRef ref) {
        return new ObjectInventory(
                context,
                mode,
                namespace,
                name,
                digest,
                objects.stream().filter(a -> !a.ref().equals(ref)).toList());
    }

    /** This inventory recording {@code newDigest} as applied. */
    public ObjectInventory withDigest(String newDigest) {
        return new ObjectInventory(context, mode, namespace, name, newDigest, objects);
    }
}
