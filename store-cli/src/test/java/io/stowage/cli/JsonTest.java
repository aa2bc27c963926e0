package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Json#print} writes what Jackson's mapper writes (the oracle), without building one. */
class JsonTest {
    @Test
    void printsEveryKindOfNodeAsTheMapperDoes() throws Exception {
        ObjectNode document = Json.object();
        document.put("text", "plain \"quoted\" back\\slash tab\t newline\n control\u0001 é € \uD83D\uDE00 </script>");
        document.put("empty", "");
        document.put("int", -7);
        document.put("long", 1073741824L * 8);
        document.put("big", new BigInteger("123456789012345678901234567890"));
        document.put("double", 0.1);
        document.put("float", 2.5f);
        document.put("decimal", new BigDecimal("1.10"));
        document.put("yes", true);
        document.put("no", false);
        document.putNull("nothing");
        document.set("strings", Json.strings(List.of("b", "a")));
        document.putArray("nested").addArray().addObject().putObject("deep").putArray("deeper");
        document.putObject("emptyObject");

        String printed = print(document);

        assertThat(printed).isEqualTo(Json.mapper().writeValueAsString(document) + System.lineSeparator());
    }

    @Test
    void printsATopLevelArray() throws Exception {
        var list = Json.array();
        list.addObject().put("name", "local");
        list.add(3);

        assertThat(print(list)).isEqualTo("[{\"name\":\"local\"},3]" + System.lineSeparator());
    }

    private static String print(com.fasterxml.jackson.databind.JsonNode document) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Json.print(out, document);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
