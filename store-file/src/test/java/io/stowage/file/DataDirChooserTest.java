package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.file.DataDirChooser.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataDirChooserTest {
    @Test
    void theHighestPriorityWithRoomWins() {
        List<Option<String>> dirs = List.of(new Option<>("hdd", 100, 9_000), new Option<>("ssd", 200, 1_000),
                new Option<>("tape", 50, 1_000_000));

        assertThat(DataDirChooser.choose(dirs, 500)).contains("ssd");
        assertThat(DataDirChooser.choose(dirs, 1_000)).contains("ssd");
        assertThat(DataDirChooser.choose(dirs, 1_001)).contains("hdd");
        assertThat(DataDirChooser.choose(dirs, 9_001)).contains("tape");
        assertThat(DataDirChooser.choose(dirs, 1_000_001)).isEmpty();
    }

    @Test
    void amongEqualPrioritiesTheMostFreeSpaceWinsAndTiesGoToTheFirstConfigured() {
        List<Option<String>> dirs = List.of(new Option<>("a", 5, 300), new Option<>("b", 5, 700),
                new Option<>("c", 5, 700), new Option<>("low", 1, 10_000));

        assertThat(DataDirChooser.choose(dirs, 0)).contains("b");
        assertThat(DataDirChooser.choose(dirs, 700)).contains("b");
        assertThat(DataDirChooser.choose(dirs, 701)).contains("low");
    }

    @Test
    void anUnknownSizeNeedsAtLeastOneFreeByte() {
        List<Option<String>> dirs = List.of(new Option<>("full", 9, 0), new Option<>("roomy", 1, 1));

        assertThat(DataDirChooser.choose(dirs, 0)).contains("roomy");
        assertThat(DataDirChooser.choose(List.of(new Option<>("full", 9, 0)), 0)).isEmpty();
        assertThat(DataDirChooser.choose(List.<Option<String>>of(), 0)).isEmpty();
    }

    @Test
    void negativePrioritiesRankBelowTheDefault() {
        List<Option<String>> dirs = List.of(new Option<>("spill", -1, 1_000_000), new Option<>("main", 0, 10));

        assertThat(DataDirChooser.choose(dirs, 10)).contains("main");
        assertThat(DataDirChooser.choose(dirs, 11)).contains("spill");
    }
}
