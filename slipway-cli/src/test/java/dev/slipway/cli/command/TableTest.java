package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Table}. */
class TableTest {

    private static String print(Table t, boolean wide) {
        final StringWriter s = new StringWriter();
        t.print(new PrintWriter(s), wide);
        return s.toString();
    }

    @Test
    void print_wideValues_columnsStayAligned() {
        final Table t = Table.of("NAME", "READY", "MESSAGE")
                .row("iris", "1/1", "ok")
                .row("a-very-long-deployment-name-that-is-wider-than-any-fixed-column", "10/12", "rolling out");
        final List<String> lines = print(t, false).lines().toList();
        assertThat(lines).hasSize(3);
        final int ready = lines.get(0).indexOf("READY");
        assertThat(lines).allSatisfy(l -> assertThat(l.charAt(ready - 1)).isEqualTo(' '));
        assertThat(lines.get(1).substring(ready)).startsWith("1/1");
        assertThat(lines.get(2).substring(ready)).startsWith("10/12");
        assertThat(lines.get(1).indexOf("ok")).isEqualTo(lines.get(0).indexOf("MESSAGE"));
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
    }

    @Test
    void print_wideColumns_onlyWithWide() {
        final Table t = Table.of("NAME", "IMAGE", "STATUS").wide("IMAGE").row("iris", "registry/iris:1", "Ready");
        assertThat(print(t, false)).doesNotContain("IMAGE", "registry/iris:1").contains("NAME", "STATUS", "Ready");
        assertThat(print(t, true)).contains("IMAGE", "registry/iris:1");
    }

    @Test
    void row_emptyAndNullCells_printAsDash_andNewlinesDoNotBreakTheRow() {
        final Table t = Table.of("A", "B", "C").row(null, "", "two\nlines");
        assertThat(print(t, false).lines().toList().get(1)).isEqualTo("-  -  two lines");
    }

    @Test
    void row_wrongNumberOfCells_isAnError() {
        assertThatThrownBy(() -> Table.of("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indent_prefixesEveryLine() {
        assertThat(print(Table.of("A").indent("  ").row("x"), false))
                .isEqualTo("  A\n  x\n".replace("\n", System.lineSeparator()));
    }
}
