package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.console.view.DiffLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Diffs}. */
class DiffsTest {

    private static final String DIFF = """
      diff --git a/production/news.yaml b/production/news.yaml
      new file mode 100644
      --- /dev/null
      +++ b/production/news.yaml
      @@ -0,0 +1,4 @@
      +metadata:
      +  name: news
      +  replicas: 2 # two
      -  <script>alert(1)</script>
       # context
      """;

    @Test
    void lines_unifiedDiff_kindsPerLine() {
        assertThat(Diffs.lines(DIFF))
                .extracting(DiffLine::kind)
                .containsExactly("file", "file", "file", "file", "hunk", "add", "add", "add", "del", "ctx");
    }

    @Test
    void lines_yaml_keysStringsNumbersAndCommentsSpanned() {
        final List<DiffLine> lines = Diffs.lines(DIFF);
        assertThat(lines.get(6).spans()).extracting(DiffLine.Span::cls).containsExactly("m", "", "k", "", "s");
        assertThat(lines.get(6).spans())
                .extracting(DiffLine.Span::text)
                .containsExactly("+", "  ", "name", ":", " news");
        assertThat(lines.get(7).spans().get(4)).isEqualTo(new DiffLine.Span("s", " 2 # two"));
        assertThat(lines.get(9).spans()).extracting(DiffLine.Span::cls).containsExactly("m", "c");
    }

    @Test
    void lines_markup_keptAsTextForTheTemplateToEscape() {
        final DiffLine del = Diffs.lines(DIFF).get(8);
        assertThat(String.join("", del.spans().stream().map(DiffLine.Span::text).toList()))
                .isEqualTo("-  <script>alert(1)</script>");
    }

    @Test
    void lines_emptyOrNull_noLines() {
        assertThat(Diffs.lines("")).isEmpty();
        assertThat(Diffs.lines(null)).isEmpty();
    }

    @Test
    void yaml_number_spannedAsNumber() {
        assertThat(Diffs.yaml("+", "  replicas: 3"))
                .extracting(DiffLine.Span::cls)
                .containsExactly("m", "", "k", "", "n");
    }
}
