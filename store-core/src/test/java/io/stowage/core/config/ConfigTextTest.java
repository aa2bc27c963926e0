package io.stowage.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stowage.InvalidConfigurationException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The streaming reader gives the tree that Jackson's own YAML tree and map binding give (the oracle). */
class ConfigTextTest {
    private static final ObjectMapper ORACLE = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @ParameterizedTest
    @ValueSource(strings = {
        "default: local\nstores:\n  local: { type: file, dirs: [\"/data\", '/more:100'] }\n",
        "{\"stores\": {\"a\": {\"type\": \"memory\", \"capabilities\": [\"READ\"]}}, \"default\": \"a\"}",
        "n: 7\nlong: 12345678901\nbig: 123456789012345678901234567890\nneg: -3\nhex: 0x1F\nfloat: 1.5\nexp: 2e3\n",
        "t: true\nf: false\nyes: yes\nnothing: null\ntilde: ~\nempty:\nquoted: \"42\"\n",
        "nested:\n  - [1, [2, [3]]]\n  - {a: {b: {c: d}}}\n  - []\n  - {}\n",
        "text: \"tab\\there \\u00e9 \\\"q\\\"\"\nblock: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
        "first: 1\n---\nsecond: 2\n",
        "anchor: &a {type: file}\nalias: *a\n",
    })
    void givesTheTreeJacksonBindingGives(String text) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = ORACLE.convertValue(ORACLE.readTree(text), Map.class);

        assertThat(ConfigText.parse(text)).isEqualTo(expected);
    }

    @Test
    void numbersKeepTheirSizes() throws Exception {
        Map<String, Object> tree = ConfigText.parse("int: 7\nlong: 12345678901\nbig: 123456789012345678901234567890\nd: 0.25\n");

        assertThat(tree).containsEntry("int", 7).containsEntry("long", 12345678901L)
                .containsEntry("big", new BigInteger("123456789012345678901234567890")).containsEntry("d", 0.25);
        assertThat(ConfigText.parse("l: [a, 1, null]")).containsEntry("l", java.util.Arrays.asList("a", 1, null));
        assertThat(ConfigText.parse("l: [[]]")).containsEntry("l", List.of(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "# only a comment\n", "~", "null"})
    void anEmptyDocumentIsRefused(String text) {
        assertThatThrownBy(() -> ConfigText.parse(text)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: the document is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- a\n- b\n", "just text", "42"})
    void aDocumentThatIsNoMappingIsRefused(String text) {
        assertThatThrownBy(() -> ConfigText.parse(text)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: expected a mapping with 'stores' at the top");
    }

    @Test
    void aDuplicateKeyIsASyntaxErrorWithItsPlace() {
        assertThatThrownBy(() -> ConfigText.parse("stores: {}\ndefault: a\nstores: {}\n"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration at line 3, column 7: Duplicate field 'stores'");
    }

    @Test
    void aSyntaxErrorNamesItsPlaceAndNotTheText() {
        assertThatThrownBy(() -> ConfigText.parse("stores:\n  a: [secret-value\n"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration at line ")
                .hasMessageNotContaining("secret-value");
    }
}
