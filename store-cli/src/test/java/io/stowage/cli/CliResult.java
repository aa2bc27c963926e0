package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What one run of the command left behind: its exit status, the bytes on stdout and the text on stderr. */
record CliResult(int exitCode, byte[] stdout, String stderr) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** stdout parsed as the one JSON document the command printed. */
    JsonNode json() {
        try {
            return MAPPER.readTree(stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not JSON: " + stdoutText() + " / stderr: " + stderr, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", stdout " + (stdout.length > 300 ? stdout.length + " bytes" : "'" + stdoutText() + "'")
                + ", stderr '" + stderr + "'";
    }
}
