package dev.slipway.client;

/** The URLs {@code SeldonClient} posts to, per gateway (see shared/seldon-client-contract.md). */
final class Urls {

    private Urls() {}

    static String scheme(ClientOptions o) {
        return o.callCredentialsToken() != null && o.ssl() ? "https" : "http";
    }

    /** {@code /api/v1.0/<op>} behind the configured gateway, e.g. op = predictions or feedback. */
    static String gatewayUrl(ClientOptions o, String op, boolean feedback) {
        String base = (feedback ? "http" : scheme(o)) + "://" + o.gatewayEndpoint();
        if (o.gateway() == Gateway.SELDON) {
            return base + "/api/v1.0/" + op;
        }
        if (o.gatewayPrefix() != null) {
            return base + o.gatewayPrefix() + "/api/v1.0/" + op;
        }
        String deployment = requireDeployment(o);
        String prefix = o.namespace() == null ? "/seldon/" + deployment : "/seldon/" + o.namespace() + "/" + deployment;
        if (o.httpPath() != null && !feedback) {
            return base + prefix + o.httpPath();
        }
        return base + prefix + "/api/v1.0/" + op;
    }

    /** The v2 inference URL of {@code model} behind the gateway (or at a server with gateway seldon). */
    static String v2InferUrl(ClientOptions o, String model) {
        String base = scheme(o) + "://" + o.gatewayEndpoint();
        if (o.gateway() == Gateway.SELDON) {
            return base + "/v2/models/" + model + "/infer";
        }
        String deployment = requireDeployment(o);
        String ns = o.namespace() == null ? "default" : o.namespace();
        return base + "/seldon/" + ns + "/" + deployment + "/v2/models/" + model + "/infer";
    }

    /** {@code http://<microservice_endpoint>/<method>} as {@code SeldonClient.microservice} posts it. */
    static String microserviceUrl(ClientOptions o, String method) {
        return "http://" + o.microserviceEndpoint() + "/" + method;
    }

    private static String requireDeployment(ClientOptions o) {
        if (o.deploymentName() == null || o.deploymentName().isBlank()) {
            throw new IllegalArgumentException(
                    "a deployment name is needed with the " + o.gateway().name().toLowerCase() + " gateway");
        }
        return o.deploymentName();
    }
}
