package io.stowage.cli;

import io.stowage.core.config.DirectDownloadConfig;
import io.stowage.core.config.StowageConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of a direct download ({@code download}, {@code image download}): the allowed schemes and the output file. */
final class DirectDownloadOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--allowed-schemes", paramLabel = "SCHEMES", split = ",",
            description = "Schemes to fetch directly, replacing direct-download.allowed-schemes of the config (empty: none)")
    List<String> allowedSchemes;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The file to write")
    Path output;

    /** The output file, checked before any data moves. */
    Path output() {
        OutputTarget.check(spec, output);
        return output;
    }

    /** The config's {@code direct-download} section, with {@code --allowed-schemes} (when given) as its allowed schemes. */
    DirectDownloadConfig config(StowageConfig config) {
        if (allowedSchemes == null) {
            return config.directDownload();
        }
        List<String> schemes = allowedSchemes.stream().map(String::strip).filter(scheme -> !scheme.isEmpty()).toList();
        try {
            return config.directDownload().withAllowedSchemes(schemes);
        } catch (IllegalArgumentException e) {
            throw StowageCommand.usage(spec, "Invalid --allowed-schemes: " + e.getMessage());
        }
    }
}
