package io.userasset.functions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the project root (surefire passes it) and the shared datasets beside it. */
public final class ProjectFiles {
    private ProjectFiles() {}

    public static Path root() {
        String configured = System.getProperty("userasset.projectRoot");
        if (configured != null && Files.isDirectory(Paths.get(configured, "events"))) return Paths.get(configured);
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events/samples"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("project root not found from " + Paths.get("").toAbsolutePath());
        return dir;
    }

    public static Path datasets() {
        return root().resolve("../shared/datasets").normalize();
    }

    public static Path samples() {
        return root().resolve("events/samples");
    }
}
