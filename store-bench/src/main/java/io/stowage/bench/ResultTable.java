package io.stowage.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints the rows as a Markdown table whose columns line up in a terminal too. */
final class ResultTable {
    private static final List<String> HEADER = List.of("scenario", "Stowage (median)", "baseline (median)",
            "ratio", "pair ratios", "target", "result");

    private ResultTable() {}

    static void print(List<Row> rows, PrintStream out) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Row row : rows) {
            lines.add(List.of(row.scenario(), row.stowage(), row.baseline(), row.ratio(), row.spread(), row.target(),
                    row.verdict().text()));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        print(lines.get(0), widths, out);
        StringBuilder rule = new StringBuilder("|");
        for (int width : widths) {
            rule.append('-').append("-".repeat(width)).append("-|");
        }
        out.println(rule);
        for (List<String> line : lines.subList(1, lines.size())) {
            print(line, widths, out);
        }
    }

    private static void print(List<String> cells, int[] widths, PrintStream out) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            line.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
        }
        out.println(line);
    }
}
