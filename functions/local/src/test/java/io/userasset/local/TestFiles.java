package io.userasset.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The project root (surefire passes it), the shared datasets beside it, and running the CLI in-process. */
final class TestFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestFiles() {}

    static Path root() {
        String configured = System.getProperty("userasset.projectRoot");
        if (configured != null && Files.isDirectory(Paths.get(configured, "events"))) return Paths.get(configured);
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events/samples"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("project root not found from " + Paths.get("").toAbsolutePath());
        return dir;
    }

    static Path datasets() {
        return root().resolve("../shared/datasets").normalize();
    }

    /** A CLI run: exit code and what it printed. */
    record Run(int exit, String stdout, String stderr) {}

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.execute(args, o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!line.isBlank()) rows.add(JSON.readTree(line));
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
