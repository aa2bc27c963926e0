package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresAndProvidersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void storesListsEachConfiguredStoreByName() throws Exception {
        Path data = temp.resolve("data");
        Path config = TestConfigs.write(temp, "c.yaml", "default: local\nstores:\n"
                + "  local: { type: file, dirs: [" + TestConfigs.quote(data) + "] }\n"
                + "  archive: { type: memory, capabilities: [READ] }\n");

        CliResult result = new Cli(config).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.json()).isEqualTo(MAPPER.readTree("["
                + "{\"name\":\"archive\",\"type\":\"memory\",\"schemes\":[\"memory\"],\"capabilities\":[\"READ\"],\"default\":false},"
                + "{\"name\":\"local\",\"type\":\"file\",\"schemes\":[\"file\"],"
                + "\"capabilities\":[\"READ\",\"WRITE\",\"DELETE\",\"RANGE_READ\"],\"default\":true}]"));
        assertThat(result.stdoutText()).endsWith("\n").hasLineCount(1);
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void providersListsTheTypesOnTheClasspathWithoutAConfig() {
        CliResult result = Cli.runRaw(InputStream.nullInputStream(), "-c", temp.resolve("absent.yaml").toString(), "providers");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = result.json();
        assertThat(AddGetStatDeleteTest.fieldNames(json)).containsExactly("stores", "downloadHandlers");
        assertThat(json.get("stores")).extracting(node -> node.get("type").asText())
                .containsExactlyElementsOf(ClasspathProviders.storeTypes());
        assertThat(json.get("downloadHandlers")).extracting(node -> node.get("type").asText())
                .containsExactlyElementsOf(ClasspathProviders.downloadHandlerTypes());
        assertThat(json.get("stores")).contains(object("file", "file"), object("memory", "memory"));
        assertThat(json.get("downloadHandlers")).contains(object("file", "file"));
    }

    private static JsonNode object(String type, String scheme) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        node.putArray("schemes").add(scheme);
        return node;
    }
}
