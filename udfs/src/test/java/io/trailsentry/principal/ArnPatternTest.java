package io.trailsentry.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detector's side of the one never-act matcher: every row of the table the responder's tests
 * read too ({@code testdata/contract/never-act-cases.tsv}).
 */
class ArnPatternTest {
    static final Path TABLE = Path.of("..", "testdata", "contract", "never-act-cases.tsv");

    static List<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] c = line.split("\t", -1);
            out.add(Arguments.of(c[0], c[1], Boolean.parseBoolean(c[2])));
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1} -> {2}")
    @MethodSource("cases")
    void matchesAsTheTableSays(String pattern, String arn, boolean expected) {
        assertThat(ArnPattern.matches(pattern, arn)).isEqualTo(expected);
        assertThat(
                        ArnPattern.matchesAny(
                                java.util.List.of("arn:aws:iam::1:user/other", pattern), arn))
                .isEqualTo(expected);
    }
}
