package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Store;
import io.stowage.core.StoreRegistry;
import io.stowage.file.FileStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The modules every {@code stowage} command runs are compiled with {@code -XDstringConcat=inline}
 * (the parent pom): an invokedynamic string concatenation would spin method-handle classes at
 * run time, which class-data sharing does not keep, on every start.
 */
class StringConcatenationTest {
    private static final byte[] BOOTSTRAP = "makeConcatWithConstants".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(classes = {StowageCli.class, StoreRegistry.class, Store.class, FileStoreConfig.class})
    void noClassOfTheModuleConcatenatesThroughInvokedynamic(Class<?> member) throws Exception {
        List<String> classes = new ArrayList<>();
        List<String> concatenating = new ArrayList<>();
        forEachClassFile(member, (name, bytes) -> {
            classes.add(name);
            if (contains(bytes, BOOTSTRAP)) {
                concatenating.add(name);
            }
        });

        assertThat(classes).as("class files of " + member.getName() + "'s module").isNotEmpty();
        assertThat(concatenating).isEmpty();
    }

    private interface ClassFileVisitor {
        void visit(String name, byte[] bytes) throws IOException;
    }

    /** Every class file in the directory or jar {@code member} was loaded from. */
    private static void forEachClassFile(Class<?> member, ClassFileVisitor visitor) throws IOException, URISyntaxException {
        Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                    visitor.visit(location.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
            return;
        }
        try (ZipFile jar = new ZipFile(location.toFile())) {
            for (ZipEntry entry : jar.stream().filter(entry -> entry.getName().endsWith(".class")).toList()) {
                try (InputStream in = jar.getInputStream(entry)) {
                    visitor.visit(entry.getName(), in.readAllBytes());
                }
            }
        }
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
