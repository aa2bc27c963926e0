package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ObjectId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The file names of ids on filesystems that fold case, and back. */
class ObjectFileNamingTest {
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

    @Test
    void escapesCaseDeviceNamesAndAFinalDot() throws Exception {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("0b8c5d6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e", "0b8c5d6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e");
        names.put("image.qcow2", "image.qcow2");
        names.put("Image", "_image");
        names.put("MyImage", "_my_image");
        names.put("a_b", "a__b");
        names.put("_", "__");
        names.put("_A", "___a");
        names.put("CON", "_c_o_n");
        names.put("con", "co~6e");
        names.put("nul.txt", "nu~6c.txt");
        names.put("com1", "co~6d1");
        names.put("lpt9.tar.gz", "lp~749.tar.gz");
        names.put("console", "console");
        names.put("con-1", "con-1");
        names.put("a.", "a~2e");
        names.put("con.", "co~6e~2e");
        names.put("...", "..~2e");
        for (Map.Entry<String, String> entry : names.entrySet()) {
            ObjectId id = ObjectId.of(entry.getKey());
            assertThat(ObjectFileNaming.ESCAPED.fileName(id)).as("escaped %s", id).isEqualTo(entry.getValue());
            assertThat(ObjectFileNaming.ESCAPED.id(entry.getValue())).as("id of %s", entry.getValue()).hasValue(id);
            assertThat(ObjectFileNaming.ID.fileName(id)).as("as is %s", id).isEqualTo(id.value());
            assertThat(ObjectFileNaming.ID.id(id.value())).hasValue(id);
        }
    }

    /** Every other spelling is no object: upper case, escapes not needed or malformed, this module's own files. */
    @Test
    void onlyTheExactNameOfAnIdIsAnObject() {
        for (String name : List.of("Image", "_Image", "_1", "a_", "_", "~", "~2", "co~6E", "con", "a.", "ab~2ex", "a~zz",
                "~00", ".x~0123456789abcdef.stowage-tmp", ".stowage~lock", ".", "..", "")) {
            assertThat(ObjectFileNaming.ESCAPED.id(name)).as("escaped name %s", name).isEmpty();
        }
        for (String name : List.of("a~b", ".x~0123456789abcdef.stowage-tmp", ".stowage~lock", "..", "a/b", "")) {
            assertThat(ObjectFileNaming.ID.id(name)).as("plain name %s", name).isEmpty();
        }
    }

    /** Random ids: names without upper case, no two alike when case is folded, each read back as its id. */
    @Test
    void randomIdsGetNamesThatNeverCollideWhenCaseIsFolded() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Map<String, ObjectId> folded = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = 1 + random.nextInt(random.nextBoolean() ? 4 : 40);
            for (int k = 0; k < length; k++) {
                value.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
            }
            if (!ObjectId.isValid(value.toString())) {
                continue;
            }
            ObjectId id = ObjectId.of(value.toString());
            String name = ObjectFileNaming.ESCAPED.fileName(id);
            assertThat(name).as("name of %s (seed %d)", id, seed).isEqualTo(name.toLowerCase(Locale.ROOT));
            assertThat(ObjectFileNaming.ESCAPED.id(name)).as("id of %s (seed %d)", name, seed).hasValue(id);
            ObjectId before = folded.putIfAbsent(name.toLowerCase(Locale.ROOT), id);
            assertThat(before == null || before.equals(id)).as("%s and %s fold to one name (seed %d)", before, id, seed)
                    .isTrue();
        }
    }
}
