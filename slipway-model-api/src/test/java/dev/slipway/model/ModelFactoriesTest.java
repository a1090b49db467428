package dev.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link ModelFactories}. */
class ModelFactoriesTest {

    record Named(String name) implements ModelFactory {
        @Override
        public Model create() {
            return input -> input;
        }
    }

    @Test
    void of_duplicateName_isAnErrorNamingTheName() {
        assertThatThrownBy(() -> ModelFactories.of(List.of(new Named("A_SERVER"), new Named("a_server"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two runtimes are named a_server");
    }

    @Test
    void require_unknown_listsTheKnownNames() {
        ModelFactories f = ModelFactories.of(List.of(new Named("A_SERVER"), new Named("B_SERVER")));
        assertThat(f.find("a_server")).isPresent();
        assertThatThrownBy(() -> f.require("C_SERVER"))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("available: A_SERVER, B_SERVER");
    }

    @Test
    void parameters_typedGettersNameTheParameter() {
        Parameters p = Parameters.of(java.util.Map.of("n", "x", "b", "TRUE"));
        assertThat(p.getBoolean("b", false)).isTrue();
        assertThatThrownBy(() -> p.getInt("n", 1)).hasMessageContaining("parameter 'n' is 'x' but must be an integer");
    }
}
