package dev.slipway.controlplane.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens of {@code slipway up}, kept in {@code tokens.json} (mode 0600): per token the user, the role and
 * the SHA-256 of the token — never the token itself, which is shown once when created. The file is re-read
 * when it changes, so {@code slipway token create} works while {@code slipway up} runs.
 */
public final class Tokens {

    /** One stored token (its hash). */
    public record Entry(String user, Role role, String sha256) {}

    private static final ObjectMapper JSON = Mappers.json();
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private List<Entry> entries = List.of();
    private FileTime loaded;

    public Tokens(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file the tokens live in. */
    public Path file() {
        return file;
    }

    /** Creates a token for {@code user} with {@code role}; returns the token (it is not stored in clear). */
    public synchronized String create(String user, Role role) {
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user '" + user + "': letters, digits and . _ @ - only (at most 64)");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "slw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<Entry> next = new ArrayList<>(read());
        next.add(new Entry(user, role, sha256(token)));
        write(next);
        return token;
    }

    /** The users and roles that have tokens (hashes only). */
    public synchronized List<Entry> list() {
        return read();
    }

    /** True when an admin token exists. */
    public synchronized boolean hasAdmin() {
        return read().stream().anyMatch(e -> e.role() == Role.ADMIN);
    }

    /** The principal a token belongs to. */
    public synchronized Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token.trim()).getBytes(StandardCharsets.US_ASCII);
        Principal found = null;
        for (Entry e : read()) {
            // compare every entry in constant time per entry, so timing says nothing about which matched
            if (MessageDigest.isEqual(presented, e.sha256().getBytes(StandardCharsets.US_ASCII)) && found == null) {
                found = new Principal(e.user(), e.role());
            }
        }
        return Optional.ofNullable(found);
    }

    private List<Entry> read() {
        try {
            if (!Files.exists(file)) {
                entries = List.of();
                loaded = null;
                return entries;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(loaded)) {
                return entries;
            }
            JsonNode root = JSON.readTree(file.toFile());
            List<Entry> out = new ArrayList<>();
            if (root != null && root.isArray()) {
                for (JsonNode n : root) {
                    out.add(new Entry(
                            n.path("user").asText(),
                            Role.parse(n.path("role").asText("developer")),
                            n.path("sha256").asText()));
                }
            }
            entries = List.copyOf(out);
            loaded = modified;
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokens in " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(List<Entry> next) {
        ArrayNode all = JSON.createArrayNode();
        for (Entry e : next) {
            all.addObject()
                    .put("user", e.user())
                    .put("role", e.role().name().toLowerCase(java.util.Locale.ROOT))
                    .put("sha256", e.sha256());
        }
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all), AtomicFiles.PRIVATE);
            entries = List.copyOf(next);
            loaded = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tokens in " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
