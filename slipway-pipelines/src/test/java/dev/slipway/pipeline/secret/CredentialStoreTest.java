package dev.slipway.pipeline.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link CredentialStore}. */
class CredentialStoreTest {

    @TempDir
    Path dir;

    @Test
    void set_thenGet_roundTripsAcrossInstances() {
        new CredentialStore(dir).set("DOCKER_TOKEN", "tok-123");
        CredentialStore again = new CredentialStore(dir);
        assertThat(again.get("DOCKER_TOKEN")).contains("tok-123");
        assertThat(again.names()).containsExactly("DOCKER_TOKEN");
    }

    @Test
    void set_keyFileIsOwnerOnlyAndValueIsNotStoredInClear() throws Exception {
        new CredentialStore(dir).set("A", "clear-text-value");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(CredentialStore.KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(CredentialStore.FILE))).doesNotContain("clear-text-value");
    }

    @Test
    void get_valueMovedToAnotherName_failsToDecrypt() throws Exception {
        CredentialStore s = new CredentialStore(dir);
        s.set("A", "value-a");
        s.set("B", "value-b");
        String json = Files.readString(dir.resolve(CredentialStore.FILE));
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        tree.set("B", tree.get("A"));
        Files.writeString(dir.resolve(CredentialStore.FILE), tree.toString());
        assertThatThrownBy(() -> s.get("B")).hasMessageContaining("cannot be decrypted");
    }

    @Test
    void delete_removesOnlyThatName() {
        CredentialStore s = new CredentialStore(dir);
        s.set("A", "1");
        s.set("B", "2");
        assertThat(s.delete("A")).isTrue();
        assertThat(s.delete("A")).isFalse();
        assertThat(s.names()).containsExactly("B");
    }

    @Test
    void set_invalidNameOrEmptyValue_isRefused() {
        CredentialStore s = new CredentialStore(dir);
        assertThatThrownBy(() -> s.set("my-token", "x"))
                .hasMessageContaining("credential name 'my-token' is not valid");
        assertThatThrownBy(() -> s.set("T", "")).hasMessageContaining("the value is empty");
    }
}
