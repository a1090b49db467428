package dev.slipway.kubernetes.target;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The few calls the target makes, each turning fabric8's exceptions into {@link ClusterException}s that name the
 * object and carry the API's own message: server-side apply with field manager {@code slipway}, get and delete by
 * reference (no API discovery: every kind Slipway renders has the plural {@code lower(kind) + "s"}).
 */
final class Api {

    /** The server-side apply field manager. */
    static final String FIELD_MANAGER = "slipway";

    private final KubernetesClient client;

    Api(KubernetesClient client) {
        this.client = client;
    }

    /** Applies {@code object} (server-side, conflicts forced: Slipway owns what it renders). */
    void apply(HasMetadata object) {
        try {
            if (object instanceof GenericKubernetesResource generic) {
                resources(ObjectRef.of(object))
                        .inNamespace(object.getMetadata().getNamespace())
                        .resource(generic)
                        .fieldManager(FIELD_MANAGER)
                        .forceConflicts()
                        .serverSideApply();
            } else {
                client.resource(object)
                        .fieldManager(FIELD_MANAGER)
                        .forceConflicts()
                        .serverSideApply();
            }
        } catch (KubernetesClientException e) {
            throw failure("apply", ObjectRef.of(object), e);
        }
    }

    /** The live object, if it exists. */
    Optional<GenericKubernetesResource> get(ObjectRef ref) {
        try {
            return Optional.ofNullable(resource(ref).get());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw failure("read", ref, e);
        }
    }

    /** Deletes the object; true if it existed. */
    boolean delete(ObjectRef ref) {
        try {
            return !resource(ref).delete().isEmpty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw failure("delete", ref, e);
        }
    }

    private Resource<GenericKubernetesResource> resource(ObjectRef ref) {
        return resources(ref).inNamespace(ref.namespace()).withName(ref.name());
    }

    private io.fabric8.kubernetes.client.dsl.MixedOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            resources(ObjectRef ref) {
        final int slash = ref.apiVersion().indexOf('/');
        final String group = slash < 0 ? "" : ref.apiVersion().substring(0, slash);
        final String version = ref.apiVersion().substring(slash + 1);
        final ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(ref.kind())
                .withPlural(ref.kind().toLowerCase(Locale.ROOT) + "s")
                .withNamespaced(true)
                .build();
        return client.genericKubernetesResources(ctx);
    }

    /** {@code e} as a typed failure: unreachable (retry later) or refused (with the API's message). */
    static ClusterException failure(String verb, ObjectRef ref, KubernetesClientException e) {
        if (e.getCode() <= 0 && unreachable(e)) {
            return new ClusterException(
                    ClusterException.Kind.UNREACHABLE,
                    verb + " " + ref + ": cluster unreachable (" + rootMessage(e) + ")",
                    e);
        }
        final String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : rootMessage(e);
        return new ClusterException(
                ClusterException.Kind.REFUSED, verb + " " + ref + ": " + message + " (HTTP " + e.getCode() + ")", e);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
