package dev.slipway.pipeline.secret;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials encrypted at rest in a data folder: {@code credentials.json} holds, per name, a random
 * 96-bit nonce and the AES-256-GCM ciphertext of the value, with the name as associated data (a value
 * cannot be moved to another name). The key is {@code credentials.key}, 32 random bytes created with
 * owner-only permissions (0600). Writes are atomic (temporary file and rename). Each credential has a
 * {@link CredentialScope} (stored in clear beside it: which repositories, branches and pipelines may name it).
 */
public final class CredentialStore implements CredentialSource {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);

    public static final String FILE = "credentials.json";
    public static final String KEY_FILE = "credentials.key";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final ObjectMapper JSON = Mappers.json();
    private static final int NONCE_BYTES = 12;

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    public CredentialStore(Path dataDir) {
        this.dir = dataDir;
    }

    /** Stores (or replaces) a credential. The name is what steps see as their environment variable. */
    public synchronized void set(String name, String value) {
        set(name, value, CredentialScope.DEFAULT);
    }

    /** Stores (or replaces) a credential that only runs within {@code scope} may name. */
    public synchronized void set(String name, String value, CredentialScope scope) {
        checkName(name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("credential " + name + ": the value is empty");
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, name);
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            ObjectNode all = readAll();
            ObjectNode entry = all.putObject(name);
            entry.put("nonce", Base64.getEncoder().encodeToString(nonce));
            entry.put("ciphertext", Base64.getEncoder().encodeToString(sealed));
            ObjectNode sc = entry.putObject("scope");
            scope.repositories().forEach(sc.putArray("repositories")::add);
            scope.branches().forEach(sc.putArray("branches")::add);
            scope.pipelines().forEach(k -> sc.withArray("pipelines").add(k.yamlName()));
            write(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt credential " + name + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a credential; false when there was none by that name. */
    public synchronized boolean delete(String name) {
        ObjectNode all = readAll();
        if (all.remove(name) == null) {
            return false;
        }
        write(all);
        return true;
    }

    @Override
    public synchronized SortedSet<String> names() {
        SortedSet<String> out = new TreeSet<>();
        readAll().fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Override
    public synchronized CredentialScope scope(String name) {
        com.fasterxml.jackson.databind.JsonNode sc = readAll().path(name).path("scope");
        if (!sc.isObject()) {
            return CredentialScope.DEFAULT;
        }
        java.util.List<String> repos = new java.util.ArrayList<>();
        sc.path("repositories").forEach(n -> repos.add(n.asText()));
        java.util.List<String> branches = new java.util.ArrayList<>();
        sc.path("branches").forEach(n -> branches.add(n.asText()));
        java.util.List<dev.slipway.pipeline.model.PipelineKind> kinds = new java.util.ArrayList<>();
        sc.path("pipelines").forEach(n -> kinds.add(dev.slipway.pipeline.model.PipelineKind.parse(n.asText())));
        return new CredentialScope(repos, branches, kinds);
    }

    @Override
    public synchronized Optional<String> get(String name) {
        ObjectNode all = readAll();
        if (!all.has(name)) {
            return Optional.empty();
        }
        try {
            byte[] nonce =
                    Base64.getDecoder().decode(all.get(name).path("nonce").asText());
            byte[] sealed =
                    Base64.getDecoder().decode(all.get(name).path("ciphertext").asText());
            return Optional.of(
                    new String(cipher(Cipher.DECRYPT_MODE, nonce, name).doFinal(sealed), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("credential " + name + " in " + dir.resolve(FILE)
                    + " cannot be decrypted with " + dir.resolve(KEY_FILE) + " (wrong key or damaged file)");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String name) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private byte[] key() {
        Path file = dir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                byte[] key = new byte[32];
                random.nextBytes(key);
                Path tmp = dir.resolve(KEY_FILE + ".tmp");
                Files.deleteIfExists(tmp);
                createPrivate(tmp);
                Files.write(tmp, key);
                AtomicFiles.fsync(tmp);
                try {
                    // never replace a key another process just made
                    Files.createLink(file, tmp);
                    AtomicFiles.fsyncDirectory(dir);
                } catch (FileAlreadyExistsException raced) {
                    LOG.debug("another process created {} first; its key wins", file);
                } catch (UnsupportedOperationException | IOException noLinks) {
                    LOG.debug("cannot hard-link {}; renaming instead", file, noLinks);
                    if (!Files.exists(file)) {
                        AtomicFiles.move(tmp, file);
                    }
                }
                Files.deleteIfExists(tmp);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException(file + " is not a 32-byte key");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the credentials key " + file, e);
        }
    }

    private static void createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private ObjectNode readAll() {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            if (JSON.readTree(file.toFile()) instanceof ObjectNode o) {
                return o;
            }
            throw new IllegalStateException(file + " is not a JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(ObjectNode all) {
        Path file = dir.resolve(FILE);
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "credential name '" + name
                            + "' is not valid: letters, digits and _, not starting with a digit (steps see it as an environment variable)");
        }
    }
}
