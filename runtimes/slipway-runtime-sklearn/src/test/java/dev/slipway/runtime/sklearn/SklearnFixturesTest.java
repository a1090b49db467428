package dev.slipway.runtime.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.Model;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link SklearnModel} against every golden fixture, through the public loader. */
class SklearnFixturesTest {

    static Stream<Arguments> methods() throws Exception {
        List<Arguments> out = new ArrayList<>();
        List<Fixtures.Fixture> all = new ArrayList<>(Fixtures.list(Fixtures.shared(), "sklearn"));
        assertThat(all).as("shared sklearn fixtures").isNotEmpty();
        all.addAll(Fixtures.list(Fixtures.own(), "sklearn"));
        for (Fixtures.Fixture f : all) {
            for (String m : f.methods()) {
                out.add(Arguments.of(f, m));
            }
        }
        return out.stream();
    }

    static Stream<Fixtures.Fixture> errors() {
        List<Fixtures.Fixture> all = new ArrayList<>(Fixtures.list(Fixtures.shared(), "error"));
        assertThat(all).as("shared error fixtures").isNotEmpty();
        all.addAll(Fixtures.list(Fixtures.own(), "error"));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void predict_fixture_matchesPython(Fixtures.Fixture f, String method) throws Exception {
        Model model = Fixtures.load(f.dir(), method);
        Payload out = model.predict(Fixtures.inputs(f.dir()));
        Map<?, ?> expected = (Map<?, ?>) Json.read(f.dir().resolve("expected.json"));
        Fixtures.check(f.name() + " " + method, out.tensor(), expected.get(method), f.tolerance(method));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void load_badArtifact_failsNamingFileAndReason(Fixtures.Fixture f) throws Exception {
        Map<?, ?> expected = (Map<?, ?>) Json.read(f.dir().resolve("expected.json"));
        Path file = f.modelFile();
        assertThatThrownBy(() -> Fixtures.load(f.dir(), null))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> {
                    Object kind = expected.get("expect_error");
                    switch (String.valueOf(kind)) {
                        case "unsafe_pickle" ->
                            assertThat(e.getMessage())
                                    .contains("is not allowed")
                                    .containsPattern("'[a-z_.]+\\.[a-zA-Z_]+'");
                        case "unsupported_compression" ->
                            assertThat(e.getMessage()).contains("unsupported compression");
                        case "unsupported_estimator", "unsupported_parameter" ->
                            assertThat(e.getMessage()).contains("is not supported");
                        case "missing_attribute" ->
                            assertThat(e.getMessage()).containsAnyOf("has no attribute", "has no field");
                        default -> assertThat(e.getMessage()).containsAnyOf("truncated", "empty", "corrupt", "invalid");
                    }
                });
        if (expected.get("message_contains") instanceof List<?> parts) {
            assertThatThrownBy(() -> Fixtures.load(f.dir(), null)).satisfies(e -> {
                for (Object part : parts) {
                    assertThat(e.getMessage()).as("message names it").contains(String.valueOf(part));
                }
            });
        }
        if (expected.containsKey("must_not_exist")) {
            assertThat(Path.of((String) expected.get("must_not_exist"))).doesNotExist();
        }
    }
}
