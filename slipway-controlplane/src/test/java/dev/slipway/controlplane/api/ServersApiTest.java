package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.ServerList;
import dev.slipway.api.ServerRegistration;
import dev.slipway.api.ServerReport;
import dev.slipway.client.SlipwayException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ServersApi} through the real {@link ApiServer} and client: the servers registry on main. */
class ServersApiTest {

    @TempDir
    Path tmp;

    @Test
    void register_listShow_roundTrip() {
        try (TestPlane t = TestPlane.withGitOps(tmp)) {
            assertThat(t.client.servers(false).servers()).isEmpty();
            final ServerRegistration.Result r = t.client.registerServer(new ServerRegistration(
                    "IMAGE_CLASSIFIER",
                    "image-classifier:1.0.0",
                    "com.example.ImageClassifier",
                    "dana",
                    "dana@example.com"));
            assertThat(r.commit()).hasSize(40);
            assertThat(r.action()).isEqualTo("Server registered");
            final ServerRegistration.Result again = t.client.registerServer(new ServerRegistration(
                    "IMAGE_CLASSIFIER", "image-classifier:1.0.0", "com.example.ImageClassifier", "dana", null));
            assertThat(again.commit()).isNull();
            assertThat(again.message()).contains("already registered");

            assertThat(t.client.servers(false))
                    .isEqualTo(new ServerList(
                            java.util.Map.of(
                                    "IMAGE_CLASSIFIER",
                                    new ServerList.Server("image-classifier:1.0.0", "com.example.ImageClassifier")),
                            null));
            final ServerReport shown = t.client.server("IMAGE_CLASSIFIER");
            assertThat(shown.image()).isEqualTo("image-classifier:1.0.0");
            assertThat(shown.versions()).singleElement().satisfies(v -> {
                assertThat(v.commit()).isEqualTo(r.commit());
                assertThat(v.author()).isEqualTo("dana");
            });
            assertThat(shown.uses()).isEmpty();
            assertThat(t.client.servers(true).usage()).containsExactly(shown);
            assertThat(t.plane.servers().find("IMAGE_CLASSIFIER")).isPresent();
        }
    }

    @Test
    void badInput_400NamingTheField_unknown404() {
        try (TestPlane t = TestPlane.withGitOps(tmp)) {
            assertThatThrownBy(() -> t.client.registerServer(new ServerRegistration("X", null, null, "dana", null)))
                    .isInstanceOfSatisfying(SlipwayException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo("image: missing");
                    });
            assertThatThrownBy(() ->
                            t.client.registerServer(new ServerRegistration("bad name", "x:1", null, "dana", null)))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> t.client.server("NOPE")).isInstanceOfSatisfying(SlipwayException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.getMessage()).isEqualTo("no server 'NOPE' in servers.yaml on main");
            });
        }
    }

    @Test
    void withoutGitOps_emptyListAndTheRest404() {
        try (TestPlane t = TestPlane.start(tmp)) {
            assertThat(t.client.servers(true).servers()).isEmpty();
            assertThatThrownBy(() -> t.client.server("X"))
                    .isInstanceOfSatisfying(
                            SlipwayException.class,
                            e -> assertThat(e.getMessage()).contains("follows no GitOps repository"));
        }
    }
}
