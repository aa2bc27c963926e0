package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final Location LOCATION = Location.of(java.net.URI.create("memory://test/x"));

    @Test
    void lengthWithinFollowsTheSharedRangeRules() throws Exception {
        assertThat(ByteRange.ALL.lengthWithin(10, LOCATION)).isEqualTo(10);
        assertThat(ByteRange.from(3).lengthWithin(10, LOCATION)).isEqualTo(7);
        assertThat(ByteRange.of(3, 4).lengthWithin(10, LOCATION)).isEqualTo(4);
        assertThat(ByteRange.of(8, 5).lengthWithin(10, LOCATION)).isEqualTo(2);
        assertThat(ByteRange.from(10).lengthWithin(10, LOCATION)).isZero();
        assertThat(ByteRange.of(0, 0).lengthWithin(0, LOCATION)).isZero();
        assertThatThrownBy(() -> ByteRange.from(11).lengthWithin(10, LOCATION))
                .isInstanceOf(InvalidRangeException.class)
                .hasMessage("Range offset 11 is beyond the end of memory://test/x (size 10)");
    }

    @Test
    void refusesNegativeValues() {
        assertThatThrownBy(() -> ByteRange.from(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRange.of(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsTheWholeObject() {
        assertThat(ByteRange.ALL.isAll()).isTrue();
        assertThat(ByteRange.from(0).isAll()).isTrue();
        assertThat(ByteRange.of(0, 10).isAll()).isFalse();
    }
}
