package io.stowage.cli;

import io.stowage.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Formats failures as the one line on stderr and chooses the exit status. */
final class ErrorReport {
    private ErrorReport() {}

    static int usageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        String command = failed.getCommandSpec().qualifiedName();
        failed.getErr().println("stowage: " + oneLine(e.getMessage()) + " (see '" + command + " --help')");
        failed.getErr().flush();
        return ExitCode.USAGE.code();
    }

    static int failure(Exception failure, CommandLine failed, boolean debug) {
        ExitCode code = ExitCode.of(failure);
        PrintWriter err = failed.getErr();
        String message = failure instanceof StoreException ? oneLine(failure.getMessage()) : describe(failure);
        if (code == ExitCode.UNEXPECTED && !debug && !(failure instanceof StdoutClosedException)) {
            message += " (run with --debug for details)";
        }
        err.println("stowage: " + message);
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    /** A failure outside the Stowage family, in words: "no such file: /x", else its type and message. */
    static String describe(Throwable failure) {
        if (failure instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (failure instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (failure instanceof FileSystemException e && e.getReason() != null) {
            return oneLine(e.getReason()) + ": " + e.getFile();
        }
        String message = failure.getMessage();
        if ((failure.getClass() == IOException.class || failure instanceof StdoutClosedException) && message != null) {
            return oneLine(message);
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "failed";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}

