package dev.slipway.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The options of Seldon's {@code SeldonClient}, with its defaults: gateway {@code ambassador}, gateway
 * endpoint {@code localhost:8003}, microservice endpoint {@code localhost:5000}, payload type
 * {@code tensor}. Immutable; build with {@link #builder()}.
 */
public record ClientOptions(
        Gateway gateway,
        String gatewayEndpoint,
        String microserviceEndpoint,
        String namespace,
        String deploymentName,
        PayloadType payloadType,
        String gatewayPrefix,
        String httpPath,
        Map<String, String> headers,
        String callCredentialsToken,
        boolean ssl,
        Duration timeout,
        Transport transport) {

    /** How calls travel: Seldon's {@code transport="rest"} (JSON over HTTP/1.1) or {@code "grpc"} (protobuf, HTTP/2). */
    public enum Transport {
        REST,
        GRPC;

        /** {@code rest} or {@code grpc}. */
        public static Transport parse(String s) {
            for (final Transport t : values()) {
                if (t.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("transport must be rest or grpc, not '" + s + "'");
        }
    }

    public ClientOptions {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(gatewayEndpoint, "gatewayEndpoint");
        Objects.requireNonNull(microserviceEndpoint, "microserviceEndpoint");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(transport, "transport");
        headers = Map.copyOf(headers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ClientOptions}. */
    public static final class Builder {
        private Gateway gateway = Gateway.AMBASSADOR;
        private String gatewayEndpoint = "localhost:8003";
        private String microserviceEndpoint = "localhost:5000";
        private String namespace;
        private String deploymentName;
        private PayloadType payloadType = PayloadType.TENSOR;
        private String gatewayPrefix;
        private String httpPath;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String token;
        private boolean ssl = true;
        private Duration timeout = Duration.ofSeconds(60);
        private Transport transport = Transport.REST;

        public Builder gateway(Gateway g) {
            this.gateway = g;
            return this;
        }

        public Builder gatewayEndpoint(String e) {
            this.gatewayEndpoint = e;
            return this;
        }

        public Builder microserviceEndpoint(String e) {
            this.microserviceEndpoint = e;
            return this;
        }

        public Builder namespace(String n) {
            this.namespace = n;
            return this;
        }

        public Builder deploymentName(String d) {
            this.deploymentName = d;
            return this;
        }

        public Builder payloadType(PayloadType p) {
            this.payloadType = p;
            return this;
        }

        public Builder gatewayPrefix(String p) {
            this.gatewayPrefix = p;
            return this;
        }

        public Builder httpPath(String p) {
            this.httpPath = p;
            return this;
        }

        public Builder header(String k, String v) {
            this.headers.put(k, v);
            return this;
        }
        /** An auth token: sent as {@code X-Auth-Token}, and the scheme becomes https unless {@link #ssl(boolean)} is false. */
        public Builder callCredentialsToken(String t) {
            this.token = t;
            return this;
        }

        public Builder ssl(boolean s) {
            this.ssl = s;
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        public Builder transport(Transport t) {
            this.transport = t;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(
                    gateway,
                    gatewayEndpoint,
                    microserviceEndpoint,
                    namespace,
                    deploymentName,
                    payloadType,
                    gatewayPrefix,
                    httpPath,
                    headers,
                    token,
                    ssl,
                    timeout,
                    transport);
        }
    }
}
