package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link ReplicaIdentity}. */
class ReplicaIdentityTest {

    @Test
    void environment_roundTrips_withSeldonsVariableNames() {
        final ReplicaIdentity id =
                new ReplicaIdentity("staging", "iris", "default", "v\"2", "clf", "reg:5000/clf:1.2", "3");
        final Map<String, String> env = id.environment();
        assertThat(env)
                .containsEntry("SELDON_DEPLOYMENT_ID", "iris")
                .containsEntry("PREDICTOR_ID", "default")
                .containsEntry("PREDICTIVE_UNIT_ID", "clf")
                .containsEntry("PREDICTIVE_UNIT_IMAGE", "reg:5000/clf:1.2")
                .containsEntry("PREDICTOR_LABELS", "{\"version\":\"v\\\"2\"}")
                .containsEntry("SLIPWAY_NAMESPACE", "staging")
                .containsEntry("SLIPWAY_REPLICA", "3");
        assertThat(ReplicaIdentity.fromEnvironment(env)).isEqualTo(id);
    }

    @Test
    void fromEnvironment_withNothingOrMalformedLabels_isEmptyNotNull() {
        assertThat(ReplicaIdentity.fromEnvironment(Map.of())).isEqualTo(ReplicaIdentity.unknown());
        assertThat(ReplicaIdentity.fromEnvironment(Map.of("PREDICTOR_LABELS", "{not json"))
                        .predictorVersion())
                .isEmpty();
        assertThat(ReplicaIdentity.fromEnvironment(Map.of("PREDICTOR_LABELS", "{\"version\":{\"a\":1}}"))
                        .predictorVersion())
                .isEmpty();
    }

    @Test
    void image_splitsAtItsTag_notAtARegistrysPort() {
        assertThat(image("seldonio/sklearnserver:1.18.2")).containsExactly("seldonio/sklearnserver", "1.18.2");
        assertThat(image("reg:5000/clf")).containsExactly("reg:5000/clf", "");
        assertThat(image("SKLEARN_SERVER")).containsExactly("SKLEARN_SERVER", "");
    }

    @Test
    void image_pinnedByDigest_theDigestIsTheVersion() {
        final String digest = "sha256:" + "ab".repeat(32);
        assertThat(image("127.0.0.1:5000/ml/scorer@" + digest)).containsExactly("127.0.0.1:5000/ml/scorer", digest);
        assertThat(image("reg:5000/ml/scorer:1.2@" + digest)).containsExactly("reg:5000/ml/scorer", digest);
    }

    private static String[] image(String image) {
        final ReplicaIdentity id = new ReplicaIdentity("", "", "", "", "", image, "");
        return new String[] {id.imageName(), id.imageVersion()};
    }

    @Test
    void withUnitIfUnknown_keepsAKnownUnit() {
        assertThat(ReplicaIdentity.unknown().withUnitIfUnknown("m").unit()).isEqualTo("m");
        assertThat(new ReplicaIdentity("", "", "", "", "clf", "", "")
                        .withUnitIfUnknown("m")
                        .unit())
                .isEqualTo("clf");
    }
}
