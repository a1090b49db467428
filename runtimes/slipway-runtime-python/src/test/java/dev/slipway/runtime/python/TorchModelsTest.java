package dev.slipway.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch classes: the reference's image-classifier pattern (an {@code nn.Module} state-dict checkpoint) and a
 * reusable TorchServer (TorchScript {@code model.pt} from its model URI, class named by {@code environment_rest}).
 */
class TorchModelsTest {

    @TempDir
    static Path checkpoints;

    static double[] expected;

    @BeforeAll
    static void writeCheckpoints() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        PythonModels.python(),
                        PythonModels.folder("torch")
                                .resolve("make_checkpoints.py")
                                .toString(),
                        checkpoints.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] last = out.lines().reduce((a, b) -> b).orElseThrow().split(",");
        expected = Arrays.stream(last).mapToDouble(Double::parseDouble).toArray();
    }

    private static final Payload ROW = Payload.of(Tensor.ofDoubles(new double[] {5.1, 3.5, 1.4, 0.2}, 1, 4));

    @Test
    void imageClassifierPattern_loadsTheCheckpointAndPredicts() {
        try (PythonModel model =
                PythonModels.start("torch", Map.of(), checkpoints.resolve("classifier"), PythonModels.log())) {
            Tensor t = model.predict(ROW).tensor();
            assertThat(t.shape()).containsExactly(1, 3);
            for (int i = 0; i < 3; i++) {
                assertThat((double) t.floats()[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void torchServer_classFromEnvironmentRest_modelFromItsUri() {
        try (PythonModel model = PythonModels.start(
                "torchserver", Map.of("method", "predict"), checkpoints.resolve("server"), PythonModels.log())) {
            Tensor t = model.predict(ROW).tensor();
            assertThat((double) t.floats()[0]).isCloseTo(expected[0], org.assertj.core.data.Offset.offset(1e-5));
            assertThat(model.metadata().custom()).containsEntry("class", "TorchServer.TorchServer");
            assertThat(model.predict(ROW).names()).containsExactly("t:0", "t:1", "t:2");
        }
    }
}
