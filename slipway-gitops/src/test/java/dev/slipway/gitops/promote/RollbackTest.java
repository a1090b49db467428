package dev.slipway.gitops.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.PromotionPolicy;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.status.HistoryEntry;
import dev.slipway.gitops.status.HistoryReader;
import dev.slipway.gitops.testing.MemoryGitOps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollbackTest {

    private static final Environment STAGING =
            new Environment("staging", "staging", "staging", "local", PromotionPolicy.AUTO, List.of(), null, null);

    private final MemoryGitOps git = new MemoryGitOps();
    private final Rollback rollback =
            new Rollback(git.repo, Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC));
    private ObjectId v1;

    private ObjectId commit(Map<String, String> files) {
        final Map<String, String> all = new HashMap<>(files);
        all.put("environments.yaml", MemoryGitOps.ENVIRONMENTS);
        return git.commit("change", all);
    }

    private String file(String path) {
        return git.repo
                .trees()
                .read(git.repo.main(), path)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse(null);
    }

    @BeforeEach
    void history() {
        v1 = commit(Map.of(
                "staging/iris.yaml",
                MemoryGitOps.deployment("iris", "predict"),
                "staging/wine.yaml",
                MemoryGitOps.deployment("wine", "predict")));
        final Map<String, String> v2 = new HashMap<>();
        v2.put("staging/iris.yaml", MemoryGitOps.deployment("iris", "predict_proba"));
        v2.put("staging/wine.yaml", MemoryGitOps.deployment("wine", "predict_proba"));
        v2.put("staging/news.yaml", MemoryGitOps.deployment("news", "predict"));
        commit(v2);
    }

    @Test
    void testRollback_oneApplication_restoresOnlyItsFiles_recordingWhoAndWhy() {
        final Rollback.Result r = rollback.rollback(
                new Rollback.Request("staging", "iris", v1.name(), "dave", "probabilities broke the UI", false, false));
        assertThat(r.result().outcome()).isEqualTo(PromotionResult.Outcome.COMMITTED);
        assertThat(file("staging/iris.yaml")).contains("value: predict\n");
        assertThat(file("staging/wine.yaml")).as("other applications untouched").contains("predict_proba");
        assertThat(file("staging/news.yaml")).isNotNull();
        assertThat(r.removes()).isEmpty();
        assertThat(r.changes()).containsExactly("iris");
        final String message = git.repo.parse(git.repo.main()).getFullMessage();
        assertThat(message)
                .startsWith("Roll back iris in staging to " + v1.abbreviate(7).name());
        final CommitMessage m = CommitMessage.parse(message);
        assertThat(m.action()).isEqualTo(CommitMessage.ROLLBACK);
        assertThat(m.author()).isEqualTo("dave");
        assertThat(m.trailer("Reason")).contains("probabilities broke the UI");
        assertThat(m.trailer("Application")).contains("iris");
        assertThat(m.trailer("Rollback-to")).contains(v1.name());
    }

    @Test
    void testRollback_dryRun_showsTheDiff_commitsNothing() {
        final ObjectId before = git.repo.main();
        final Rollback.Result r =
                rollback.rollback(new Rollback.Request("staging", "iris", v1.name(), "dave", "", false, true));
        assertThat(git.repo.main()).isEqualTo(before);
        assertThat(r.diff())
                .contains("--- a/staging/iris.yaml")
                .contains("-            value: predict_proba")
                .contains("+            value: predict\n")
                .doesNotContain("wine");
        assertThat(r.result().summary()).startsWith("dry run").contains("nothing committed");
    }

    @Test
    void testRollback_wholeEnvironment_needsAll_andListsWhatItRemoves() {
        final ObjectId before = git.repo.main();
        assertThatThrownBy(() ->
                        rollback.rollback(new Rollback.Request("staging", null, v1.name(), "dave", "", false, false)))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("would remove news")
                .hasMessageContaining("change iris, wine")
                .hasMessageContaining("--all");
        assertThat(git.repo.main()).isEqualTo(before);
        final Rollback.Result r =
                rollback.rollback(new Rollback.Request("staging", null, v1.name(), "dave", "", true, false));
        assertThat(r.removes()).containsExactly("news");
        assertThat(r.result().summary()).contains("(removed news)");
        assertThat(file("staging/news.yaml")).isNull();
    }

    @Test
    void testRollback_applicationAbsentAtThatRevision_isRefused() {
        assertThatThrownBy(() ->
                        rollback.rollback(new Rollback.Request("staging", "news", v1.name(), "dave", "", false, false)))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("'news' has no manifest in staging");
    }

    @Test
    void testHistory_ofOneApplication_onlyItsChanges() {
        rollback.rollback(new Rollback.Request("staging", "iris", v1.name(), "dave", "", false, false));
        final HistoryReader reader = new HistoryReader(git.repo);
        assertThat(reader.history(STAGING, "iris", 10, List.of()))
                .extracting(HistoryEntry::action)
                .containsExactly(CommitMessage.ROLLBACK, "", "");
        assertThat(reader.history(STAGING, "news", 10, List.of())).hasSize(1);
        assertThat(reader.history(STAGING, null, 10, List.of())).hasSize(3);
    }
}
