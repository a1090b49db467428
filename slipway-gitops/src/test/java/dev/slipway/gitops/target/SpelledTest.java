package dev.slipway.gitops.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.slipway.gitops.status.HealthStatus;
import dev.slipway.gitops.status.SyncStatus;
import dev.slipway.support.Mappers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Spelled}. */
class SpelledTest {

    private static final ObjectMapper JSON = Mappers.json();

    record Holder(SyncStatus sync, List<HealthStatus> health, Condition condition) {}

    @Test
    void write_isTheSpelling_andReadAcceptsBothSpellings() throws Exception {
        final Condition c = new Condition(
                ConditionType.OUT_OF_SYNC, Condition.Status.TRUE, Reason.FETCH_FAILED, "m", Instant.EPOCH);
        final Holder h = new Holder(SyncStatus.OUT_OF_SYNC, List.of(HealthStatus.DEGRADED), c);
        final String json = JSON.writeValueAsString(h);
        assertThat(json)
                .contains("\"sync\":\"OutOfSync\"", "[\"Degraded\"]", "\"type\":\"OutOfSync\"", "\"status\":\"True\"")
                .contains("\"reason\":\"FetchFailed\"");
        assertThat(JSON.readValue(json, Holder.class)).isEqualTo(h);
        assertThat(JSON.readValue(
                        json.replace("OutOfSync", "OUT_OF_SYNC").replace("Degraded", "DEGRADED"), Holder.class))
                .isEqualTo(h);
        assertThat(JSON.readValue("\"Ready\"", ReplicaState.class)).isEqualTo(ReplicaState.READY);
        assertThat(ReplicaState.READY).hasToString("Ready");
    }

    @Test
    void read_unknownSpelling_namesTheKnownOnes() {
        assertThatThrownBy(() -> JSON.readValue("{\"sync\":\"Sideways\"}", Holder.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("'Sideways' is not one of [Synced, OutOfSync, Unknown]");
    }
}
