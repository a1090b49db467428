package dev.slipway.runtime.sklearn.svm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for the libsvm arithmetic of {@link Svm} and {@link SvmProbability}. */
class SvmTest {

    @Test
    void ovrDecision_voteTie_brokenByConfidences() {
        // pairs (0,1), (0,2), (1,2): one vote each; scikit-learn gives [7/6, 5/6, 1]
        assertThat(Svm.ovrDecision(new double[] {2, -1, 1}, 3))
                .containsExactly(1.1666666666666667, 0.8333333333333334, 1.0);
    }

    @Test
    void ovrDecision_zeroDecision_votesForTheFirstClass() {
        assertThat(Svm.ovrDecision(new double[] {0.0}, 2)).containsExactly(1.0, 0.0);
    }

    @Test
    void powi_matchesRepeatedMultiplication() {
        assertThat(SvmKernel.powi(1.5, 0)).isEqualTo(1.0);
        assertThat(SvmKernel.powi(1.5, 3)).isEqualTo(1.5 * 1.5 * 1.5);
        assertThat(SvmKernel.powi(-2, 5)).isEqualTo(-32.0);
    }

    @Test
    void multiclassProbability_symmetricPairs_giveUniform() {
        double[][] r = {{0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        double[] p = SvmProbability.multiclassProbability(3, r);
        assertThat(p[0]).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void sigmoidPredict_bothBranchesAgree() {
        assertThat(SvmProbability.sigmoidPredict(1.0, -2.0, 0.5))
                .isCloseTo(1 / (1 + Math.exp(-1.5)), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(SvmProbability.sigmoidPredict(-1.0, -2.0, 0.5))
                .isCloseTo(1 / (1 + Math.exp(2.5)), org.assertj.core.data.Offset.offset(1e-15));
    }
}
