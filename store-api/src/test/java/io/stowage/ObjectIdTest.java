package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectIdTest {
    @Test
    void acceptsTheAllowedAlphabet() throws Exception {
        assertThat(ObjectId.of("a").value()).isEqualTo("a");
        assertThat(ObjectId.of("Image-01_v2.qcow2").value()).isEqualTo("Image-01_v2.qcow2");
        assertThat(ObjectId.of("...").value()).isEqualTo("...");
        assertThat(ObjectId.of("x".repeat(255)).value()).hasSize(255);
        assertThat(ObjectId.isValid(ObjectId.random().value())).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        for (String id : new String[] {"", ".", "..", "../x", "a/b", "a\\b", "/abs", "a b", "a\u0000b", "%2e%2e", "é",
                "x".repeat(256), "a:b"}) {
            assertThatThrownBy(() -> ObjectId.of(id)).as(id).isInstanceOf(InvalidIdException.class);
        }
        assertThatThrownBy(() -> ObjectId.of(null)).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void messageQuotesTheIdSafely() {
        assertThatThrownBy(() -> ObjectId.of("a\u0000b\n" + "c".repeat(500)))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageStartingWith("Invalid object id \"a\\x00b\\x0a")
                .hasMessageContaining("(504 chars)");
    }
}
