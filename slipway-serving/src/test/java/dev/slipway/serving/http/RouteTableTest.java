package dev.slipway.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link RouteTable}: exact paths, parameters, a trailing rest, any method, 405 and 404. */
class RouteTableTest {

    private final RouteTable<String> routes = new RouteTable<String>()
            .add("GET", "/health/ping", "ping")
            .add("POST", "/seldon/{ns}/{dep}/api/v1.0/predictions", "predict-ns")
            .add("POST", "/seldon/{dep}/api/v1.0/predictions", "predict")
            .add(RouteTable.ANY_METHOD, "/seldon/{ns}/{dep}/v2/{*}", "v2-ns")
            .add(RouteTable.ANY_METHOD, "/seldon/{dep}/v2/{*}", "v2");

    @Test
    void exactPath_matchesItsMethodAndHead() {
        assertThat(routes.find("GET", "/health/ping").endpoint()).isEqualTo("ping");
        assertThat(routes.find("HEAD", "/health/ping").endpoint()).isEqualTo("ping");
    }

    @Test
    void parameters_areDecoded() {
        final RouteTable.Match<String> m = routes.find("POST", "/seldon/ns%2Dx/iris/api/v1.0/predictions");
        assertThat(m.endpoint()).isEqualTo("predict-ns");
        assertThat(m.params()).isEqualTo(Map.of("ns", "ns-x", "dep", "iris"));
        assertThat(routes.find("POST", "/seldon/iris/api/v1.0/predictions").params())
                .isEqualTo(Map.of("dep", "iris"));
    }

    @Test
    void trailingRest_takesTheRemainingSegmentsForAnyMethod() {
        final RouteTable.Match<String> m = routes.find("DELETE", "/seldon/ns/iris/v2/models/m/infer");
        assertThat(m.endpoint()).isEqualTo("v2-ns");
        assertThat(m.params()).containsEntry(RouteTable.REST, "models/m/infer");
        final RouteTable.Match<String> noNs = routes.find("POST", "/seldon/iris/v2/models/m/infer");
        assertThat(noNs.endpoint()).isEqualTo("v2");
        assertThat(noNs.params()).isEqualTo(Map.of("dep", "iris", RouteTable.REST, "models/m/infer"));
    }

    @Test
    void knownPathOtherMethod_hasNoEndpointButNamesTheAllowedOnes() {
        final RouteTable.Match<String> m = routes.find("GET", "/seldon/ns/iris/api/v1.0/predictions");
        assertThat(m.endpoint()).isNull();
        assertThat(m.allowed()).isEqualTo("POST");
    }

    @Test
    void unknownPath_isNull() {
        assertThat(routes.find("GET", "/nothing")).isNull();
        assertThat(routes.find("POST", "/seldon/ns/iris/api/v1.0/predictions/extra"))
                .isNull();
        assertThat(routes.find("POST", "/seldon//api/v1.0/predictions")).isNull();
    }
}
