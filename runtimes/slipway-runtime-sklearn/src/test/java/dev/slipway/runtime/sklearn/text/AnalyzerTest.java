package dev.slipway.runtime.sklearn.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Analyzer}'s helpers, {@link PythonText} and {@link PythonRegex}. */
class AnalyzerTest {

    @ParameterizedTest(name = "U+{0}: {1}")
    @CsvSource({
        "00E9, true", // é
        "00B2, true", // superscript two (No)
        "65E5, true", // 日
        "005F, true", // _
        "0301, false", // combining acute (Mn)
        "2460, true", // circled one (No)
        "1F680, false", // rocket emoji
        "002D, false", // -
    })
    void isWordChar_followsPythonCategories(String codePoint, boolean word) {
        assertThat(PythonText.isWordChar(Integer.parseInt(codePoint, 16))).isEqualTo(word);
    }

    @Test
    void stripAccents_unicodeAndAscii_matchScikitLearn() {
        assertThat(PythonText.stripAccentsUnicode("Café naïve ﬁle")).isEqualTo("Cafe naive file");
        assertThat(PythonText.stripAccentsUnicode("I ❤️ you"))
                .as("U+FE0F has combining class 0")
                .isEqualTo("I ❤️ you");
        assertThat(PythonText.stripAccentsAscii("Café 日本 ❤️")).isEqualTo("Cafe  ");
        assertThat(PythonText.isCombining(0x0301)).isTrue();
        assertThat(PythonText.isCombining(0xFE0F)).isFalse();
    }

    @Test
    void collapseSpaces_onlyRunsOfTwoOrMore() {
        assertThat(Analyzer.collapseSpaces("a\nb  c\t\t\nd")).isEqualTo("a\nb c d");
        assertThat(Analyzer.splitPython(" a\u3000b\u001fc ")).containsExactly("a", "b", "c");
    }

    @Test
    void pythonRegex_wordClassesAndBoundaries_usePythonRules() {
        Pattern p = PythonRegex.compile("(?u)\\b\\w\\w+\\b");
        Matcher m = p.matcher("naïve x² computer\u0301science 日本");
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            sb.append(m.group()).append('|');
        }
        assertThat(sb.toString()).isEqualTo("naïve|x²|computer|science|日本|");
    }

    @Test
    void pythonRegex_namedGroupsAndFlags_translate() {
        Pattern p = PythonRegex.compile("(?i)(?P<w>[a-z]+)-(?P=w)");
        assertThat(p.matcher("Bye-Bye").matches()).isTrue();
        assertThat(PythonRegex.compile("[\\w']+").matcher("don't").matches()).isTrue();
        assertThatThrownBy(() -> PythonRegex.compile("(?a)\\w+")).hasMessageContaining("ASCII");
    }
}
