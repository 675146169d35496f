package io.trailsentry.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The never-act table the detector's tests read too: one semantics for both sides. Every row goes
 * through {@link ResponderConfig#isNeverAct} as the Lambda would configure it.
 */
class NeverActTableTest {
    static final Path TABLE = Path.of("../../testdata/contract/never-act-cases.tsv");

    static List<Arguments> rows() throws IOException {
        List<Arguments> out = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (header) {
                header = false;
                assertThat(line).isEqualTo("pattern\tarn\tnever_act");
                continue;
            }
            String[] c = line.split("\t", -1);
            assertThat(c).as(line).hasSize(3);
            out.add(Arguments.of(c[0], c[1], Boolean.parseBoolean(c[2])));
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @MethodSource("rows")
    void configuredPatternDecidesAsTheTableSays(String pattern, String arn, boolean expected) {
        ResponderConfig c = ResponderConfig.fromEnv(Map.of(ResponderConfig.NEVER_ACT, pattern));
        assertThat(c.isNeverAct(arn)).isEqualTo(expected);
        assertThat(ArnPattern.of(pattern).matches(arn)).isEqualTo(expected);
    }
}
