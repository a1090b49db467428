package dev.slipway.gitops.servers;

import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.RefConflictException;
import dev.slipway.gitops.repo.TreeEdit;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.ServerRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The servers registry ({@code servers.yaml}) of a GitOps repository: read at a revision, and changed by a commit
 * on main with the structured message ({@code Action: Server registered|Server updated}) and a compare-and-swap
 * (a lost race is rebuilt on the new main, 8 times).
 */
public final class Servers {

    /** Commit action of a new registration. */
    public static final String REGISTERED = "Server registered";
    /** Commit action of a changed registration. */
    public static final String UPDATED = "Server updated";

    private static final int ATTEMPTS = 8;

    private final GitOpsRepository repo;
    private final Clock clock;

    public Servers(GitOpsRepository repo, Clock clock) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The registry at {@code revision} (empty when the file is absent); a bad file fails naming file and field. */
    public static ServerRegistry read(GitOpsRepository repo, ObjectId revision) {
        final Optional<byte[]> bytes = repo.trees().read(revision, ServerRegistry.FILE);
        return bytes.isEmpty()
                ? ServerRegistry.empty()
                : ServerRegistry.parse(
                        bytes.get(),
                        ServerRegistry.FILE + "@" + revision.abbreviate(7).name());
    }

    /** The registry on main. */
    public ServerRegistry current() {
        repo.fetch();
        return read(repo, repo.main());
    }

    /** What {@link #register} did. */
    public record Registration(String commit, String action, String message) {}

    /**
     * Registers {@code server} (adds or replaces its entry) by a commit on main; nothing changes (no commit) when the
     * entry is already as given.
     */
    public Registration register(RegisteredServer server, String author, String email) {
        ServerRegistry.of(List.of(server));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            repo.fetch();
            final ObjectId main = repo.main();
            final ServerRegistry before = read(repo, main);
            final Optional<RegisteredServer> old = before.find(server.name());
            if (old.isPresent() && old.get().equals(server)) {
                return new Registration(
                        "", "", server.name() + " is already registered as " + server.image() + " (no commit)");
            }
            final ServerRegistry after = before.with(server);
            final ObjectId tree = repo.buildTree(
                    main,
                    List.of(new TreeEdit.Put(ServerRegistry.FILE, after.toYaml().getBytes(StandardCharsets.UTF_8))));
            final String action = old.isPresent() ? UPDATED : REGISTERED;
            final String text = old.isPresent()
                    ? server.name() + ": " + old.get().image() + " -> " + server.image()
                    : server.name() + ": " + server.image();
            final CommitMessage message = CommitMessage.of(action, text, author, email)
                    .withTrailer("Server", server.name())
                    .withTrailer("Image", server.image());
            final ObjectId commit = repo.commit(
                    tree,
                    List.of(main),
                    message.format(),
                    new PersonIdent(author, email, clock.instant(), ZoneOffset.UTC));
            try {
                repo.updateRef(GitOpsRepository.MAIN, main, commit);
            } catch (RefConflictException e) {
                continue;
            }
            return new Registration(
                    commit.name(),
                    action,
                    action + ": " + text + " (" + commit.abbreviate(7).name() + " on main)");
        }
        throw new IllegalStateException("main of " + repo.location() + " moved " + ATTEMPTS
                + " times while registering " + server.name() + ": nothing was committed; run it again");
    }
}
