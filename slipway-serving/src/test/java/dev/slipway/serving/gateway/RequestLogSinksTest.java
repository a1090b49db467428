package dev.slipway.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link RequestLogSinks}: node, then namespace (environment), then default; the mirror gets all. */
class RequestLogSinksTest {

    private static final NodeLogger OWN = new NodeLogger(NodeLogger.Mode.ALL, "http://node/");
    private static final NodeLogger NONE = new NodeLogger(NodeLogger.Mode.ALL, null);

    @Test
    void targets_nodeThenNamespaceThenDefault_plusTheMirror() {
        final RequestLogSinks sinks = new RequestLogSinks("http://default/", "http://builtin/");
        sinks.namespaces(Map.of("staging", "http://staging/"));
        assertThat(sinks.targets(OWN, "staging")).containsExactly("http://node/", "http://builtin/");
        assertThat(sinks.targets(NONE, "staging")).containsExactly("http://staging/", "http://builtin/");
        assertThat(sinks.targets(NONE, "production")).containsExactly("http://default/", "http://builtin/");
    }

    @Test
    void targets_mirrorOnly_isTheDefault_andNeverTwice() {
        final RequestLogSinks sinks = new RequestLogSinks(null, "http://builtin/");
        assertThat(sinks.targets(NONE, "default")).containsExactly("http://builtin/");
        assertThat(new RequestLogSinks("http://builtin/", "http://builtin/").targets(NONE, "x"))
                .containsExactly("http://builtin/");
    }

    @Test
    void namespaces_replaced_droppedOnesFallBackToTheDefault() {
        final RequestLogSinks sinks = new RequestLogSinks("http://default/", null);
        sinks.namespaces(Map.of("staging", "http://staging/"));
        sinks.namespaces(Map.of("production", "http://production/"));
        assertThat(sinks.targets(NONE, "staging")).containsExactly("http://default/");
        assertThat(sinks.targets(NONE, "production")).containsExactly("http://production/");
        assertThat(RequestLogSinks.none().targets(NONE, "staging")).isEmpty();
    }
}
