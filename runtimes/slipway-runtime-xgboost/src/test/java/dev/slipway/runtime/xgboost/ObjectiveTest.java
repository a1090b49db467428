package dev.slipway.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Model;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Objective}: base_score links and output transforms on a hand-made one-tree model. */
class ObjectiveTest {

    @TempDir
    Path tmp;

    /** Rows: x0 = 0.3 (left, leaf -1), x0 = 0.5 (equal: right, leaf 2), x0 = NaN (missing: left). */
    private static final Tensor ROWS = Tensor.ofDoubles(new double[] {0.3, 0, 0.5, 0, Double.NaN, 0}, 3, 2);

    private float[] run(String objective, String base, String booster, String method) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(objective.replace(':', '-') + base + booster + method));
        Files.writeString(dir.resolve("model.json"), TinyModels.json(objective, base, booster));
        try (Model m = XgboostModelTest.load(dir, Map.of("method", method))) {
            return m.predict(Payload.of(ROWS)).tensor().toFloats();
        }
    }

    private static float sigmoid(double x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    @Test
    void binaryLogistic_baseScoreIsALogitAndOutputASigmoid() throws Exception {
        // base_score 0.5 -> margin 0; base_score 0.8 -> margin log(4)
        assertThat(run("binary:logistic", "5E-1", "gbtree", "output_margin")).containsExactly(-1f, 2f, -1f);
        float[] m = run("binary:logistic", "8E-1", "gbtree", "output_margin");
        assertThat(m[0]).isCloseTo((float) (Math.log(4) - 1), org.assertj.core.data.Offset.offset(1e-6f));
        float[] proba = run("binary:logistic", "5E-1", "gbtree", "predict_proba");
        assertThat(proba[1]).isCloseTo(sigmoid(-1), org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(proba[0]).isCloseTo(1 - sigmoid(-1), org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(run("binary:logistic", "5E-1", "gbtree", "predict")).containsExactly(0f, 1f, 0f);
    }

    @ParameterizedTest(name = "{0} base_score {1} {2} {3}")
    @CsvSource({
        // identity objectives add base_score as it is; dart scales each leaf by its tree's weight
        "reg:squarederror, 5E-1, gbtree, predict, -0.5, 2.5",
        "binary:logitraw,  5E-1, gbtree, booster, -0.5, 2.5",
        "reg:squarederror, 0E0,  dart,   predict, -0.5, 1",
    })
    void identityOutput_isExact(String objective, String base, String booster, String method, float left, float right)
            throws Exception {
        assertThat(run(objective, base, booster, method)).containsExactly(left, right, left);
    }

    @Test
    void poisson_baseScoreIsALogAndOutputAnExp() throws Exception {
        float[] p = run("count:poisson", "5E-1", "gbtree", "predict");
        assertThat(p[0]).isCloseTo((float) (0.5 * Math.exp(-1)), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(p[1]).isCloseTo((float) (0.5 * Math.exp(2)), org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void regLogistic_isASigmoidRegression() throws Exception {
        float[] p = run("reg:logistic", "5E-1", "gbtree", "predict");
        assertThat(p[1]).isCloseTo(sigmoid(2), org.assertj.core.data.Offset.offset(1e-7f));
    }
}
