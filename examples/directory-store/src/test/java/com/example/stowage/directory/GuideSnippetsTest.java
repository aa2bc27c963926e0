package com.example.stowage.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/writing-a-backend.md is this project's code: every Java block the guide
 * marks with {@code <!-- example: PATH -->} appears in that file of this project as written
 * (indentation aside), so what the guide shows compiles and passes the TCK here.
 */
class GuideSnippetsTest {
    private static final Path GUIDE = Path.of("../../docs/writing-a-backend.md");
    private static final Pattern MARKED_BLOCK = Pattern.compile("<!-- example: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyMarkedBlockOfTheGuideIsInTheExampleAsWritten() throws IOException {
        String guide = Files.readString(GUIDE);
        Matcher block = MARKED_BLOCK.matcher(guide);
        List<String> checked = new ArrayList<>();
        while (block.find()) {
            Path file = Path.of(block.group(1));
            assertThat(unindented(Files.readString(file))).as("%s, as the guide shows it", file)
                    .contains(unindented(block.group(2)));
            checked.add(block.group(1));
        }
        assertThat(checked).as("files the guide quotes").contains(
                "src/main/java/com/example/stowage/directory/DirectoryStoreProvider.java",
                "src/main/java/com/example/stowage/directory/DirectoryStore.java",
                "src/test/java/com/example/stowage/directory/DirectoryStoreTckEnvironment.java",
                "src/test/java/com/example/stowage/directory/DirectoryStoreContractTest.java");
    }

    /** The text with each line's leading blanks removed. */
    private static String unindented(String text) {
        return text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
