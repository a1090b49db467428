package dev.slipway.gitops.testing;

import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.TreeEdit;
import dev.slipway.testing.SeldonManifests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/** A GitOps repository in JGit's {@link InMemoryRepository}: commits to main from a map of files, no disk. */
public final class MemoryGitOps {

    public static final String ENVIRONMENTS = """
      environments:
        - name: staging
          folder: staging
          namespace: staging
          promotion: auto
        - name: production
          folder: production
          namespace: production
          promotion: approval
          approvers: [bob]
      """;

    public final GitOpsRepository repo;
    private long seconds = 1_700_000_000L;

    public MemoryGitOps() {
        this.repo =
                GitOpsRepository.over(new InMemoryRepository(new DfsRepositoryDescription("gitops")), "memory:gitops");
    }

    /** A commit on main changing {@code files} (a null content deletes the file). */
    public ObjectId commit(String subject, Map<String, String> files) {
        final ObjectId parent = repo.ref(GitOpsRepository.MAIN).orElse(null);
        final List<TreeEdit> edits = new ArrayList<>();
        files.forEach((path, content) -> edits.add(
                content == null
                        ? new TreeEdit.Delete(path)
                        : new TreeEdit.Put(path, content.getBytes(StandardCharsets.UTF_8))));
        final ObjectId tree = repo.buildTree(parent, edits);
        final ObjectId commit = repo.commit(
                tree,
                parent == null ? List.of() : List.of(parent),
                subject,
                new PersonIdent("alice", "alice@example.org", Instant.ofEpochSecond(seconds++), ZoneOffset.UTC));
        repo.updateRef(GitOpsRepository.MAIN, parent, commit);
        return commit;
    }

    /** A SeldonDeployment for the sklearn server (its model is never read: the fake target starts nothing). */
    public static String deployment(String name, String method) {
        return SeldonManifests.deployment("%s", """
          - name: default
            replicas: 1
            graph:
              name: classifier
              implementation: SKLEARN_SERVER
              modelUri: gs://bucket/%s
              parameters:
                - name: method
                  type: STRING
                  value: %s
        """).formatted(name, name, method);
    }
}
