package dev.slipway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link RunFilter}. */
class RunFilterTest {

    private static final RunSummary RUN = new RunSummary(
            "r1", "release", "/data/git/news.git", "abc", "main", "push", "False", "Failed", "", null, null);

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "-, -, -, true",
                "news, -, -, true",
                "/data/git/news.git, -, -, true",
                "iris, -, -, false",
                "-, main, -, true",
                "-, feature, -, false",
                "-, -, failed, true",
                "-, -, Succeeded, false",
                "news, main, FAILED, true"
            })
    void matches_everyFieldThatIsSet(String repository, String branch, String state, boolean expected) {
        assertThat(new RunFilter(repository, branch, state).matches(RUN)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "0123456789abcdef0123456789abcdef01234567, true",
                "0123456, true",
                "012345, false",
                "0123457, false",
                "-, true"
            })
    void matches_theCommitOrAPrefixOfSevenOrMore(String commit, boolean expected) {
        final RunSummary run = new RunSummary(
                "r2",
                "release",
                "/data/git/news.git",
                "0123456789abcdef0123456789abcdef01234567",
                "main",
                "push",
                "True",
                "Succeeded",
                "",
                null,
                null);
        assertThat(new RunFilter(null, null, null, commit).matches(run)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "/data/git/news.git, news",
                "https://git.example.com/team/iris.git/, iris",
                "git@host:team/digits.git, digits",
                "/home/me/models/news-classifier, news-classifier",
                "-, -"
            })
    void repositoryName_theLastPartWithoutDotGit(String location, String name) {
        assertThat(RunFilter.repositoryName(location)).isEqualTo(name == null ? "-" : name);
    }
}
