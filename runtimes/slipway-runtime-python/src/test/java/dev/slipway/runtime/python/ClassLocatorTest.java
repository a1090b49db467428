package dev.slipway.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ClassLocator}: Seldon's s2i rules for which class of a folder is served. */
class ClassLocatorTest {

    @TempDir
    Path dir;

    @Test
    void locate_givenName_isTheModuleOfTheSameName() throws Exception {
        Files.writeString(dir.resolve("MyModel.py"), "class MyModel:\n    pass\n");
        assertThat(ClassLocator.locate(dir, "MyModel")).isEqualTo(new ClassLocator.Located("MyModel", "MyModel"));
        assertThat(ClassLocator.locate(dir, "pkg.mod.Cls")).isEqualTo(new ClassLocator.Located("pkg.mod", "Cls"));
    }

    @Test
    void locate_s2iEnvironmentFiles_inSeldonsOrder() throws Exception {
        Files.writeString(dir.resolve("A.py"), "class A:\n    pass\n");
        Files.writeString(dir.resolve("B.py"), "class B:\n    pass\n");
        Files.writeString(dir.resolve("environment_rest"), "MODEL_NAME=B\nAPI_TYPE=REST\n");
        assertThat(ClassLocator.locate(dir, null).className()).isEqualTo("B");
        Files.createDirectories(dir.resolve(".s2i"));
        Files.writeString(dir.resolve(".s2i/environment"), "export MODEL_NAME=\"A\"\n");
        assertThat(ClassLocator.locate(dir, null).className()).isEqualTo("A");
    }

    @Test
    void locate_onlyClass_testsLeftOut_orTheOneNamedLikeItsModule() throws Exception {
        Files.writeString(
                dir.resolve("Model.py"), "import x\n\nclass Helper(object):\n    pass\n\nclass Model:\n    pass\n");
        Files.writeString(dir.resolve("test_model.py"), "class TestModel:\n    pass\n");
        assertThat(ClassLocator.locate(dir, null)).isEqualTo(new ClassLocator.Located("Model", "Model"));
    }

    @Test
    void locate_refusals_nameTheFolderAndTheWayOut() throws Exception {
        assertThatThrownBy(() -> ClassLocator.locate(dir, null))
                .isInstanceOf(ModelException.LoadFailure.class)
                .hasMessageContaining("no Python class found in the modules of " + dir);
        Files.writeString(dir.resolve("a.py"), "class X:\n    pass\n");
        Files.writeString(dir.resolve("b.py"), "class Y:\n    pass\n");
        assertThatThrownBy(() -> ClassLocator.locate(dir, null)).hasMessageContaining("several classes [a.X, b.Y]");
        assertThatThrownBy(() -> ClassLocator.locate(dir, "os; import x"))
                .hasMessageContaining("is not a Python class name");
        assertThatThrownBy(() -> ClassLocator.locate(dir, "Missing")).hasMessageContaining("class 'Missing' is not in");
        assertThatThrownBy(() -> ClassLocator.locate(dir.resolve("nope"), null)).hasMessageContaining("does not exist");
    }
}
