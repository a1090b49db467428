package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Problems} and {@link Problem}. */
class ProblemsTest {

    @Test
    void toString_sourceLinePathMessage() {
        assertThat(new Problem("deploy.yaml", "spec.predictors[1].traffic", "must sum to 100", 12, 5))
                .hasToString("deploy.yaml:12:5: spec.predictors[1].traffic: must sum to 100");
    }

    @Test
    void toString_noLineNoPath() {
        assertThat(Problem.of("deploy.yaml", "", "manifest is empty")).hasToString("deploy.yaml: manifest is empty");
        assertThat(Problem.of("", "spec.name", "is required")).hasToString("spec.name: is required");
    }

    @Test
    void paths_fieldsAndIndexes() {
        assertThat(Problems.field(Problems.index(Problems.field("spec", "predictors"), 1), "traffic"))
                .isEqualTo("spec.predictors[1].traffic");
        assertThat(Problems.field("", "spec")).isEqualTo("spec");
    }

    @Test
    void throwIfAny_collectsAllInOrder() {
        final Problems problems = Problems.in("p.yaml").add("a", "is required").add("b[0]", "must be a string", 3, 7);
        assertThatThrownBy(() -> problems.throwIfAny(list -> new IllegalArgumentException(Problems.describe(list))))
                .hasMessage("2 problems:\n  p.yaml: a: is required\n  p.yaml:3:7: b[0]: must be a string");
    }

    @Test
    void throwIfAny_none_doesNothing() {
        Problems.in("p.yaml").throwIfAny(ValidationException::new);
        assertThat(Problems.describe(List.of(Problem.of("x", "", "bad")))).isEqualTo("x: bad");
    }

    @Test
    void validationException_listsProblems() {
        final ValidationException e = new ValidationException(Problem.of("f", "a", "bad"));
        assertThat(e).hasMessage("f: a: bad");
        assertThat(e.problems()).hasSize(1);
        assertThatThrownBy(() -> new ValidationException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
