package io.userasset.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the one deployable jar, {@code functions/lambda/target/function.jar}, built by the Maven
 * reactor before this module. Works from the project root, from {@code infra-cdk/} (where
 * {@code cdk synth} and the tests run) or from any directory below the project.
 */
public final class FunctionJar {
    /** The jar, relative to the Maven project root. */
    public static final Path RELATIVE = Path.of("functions", "lambda", "target", "function.jar");
    /** Overrides the location (a system property, or the environment variable USERASSET_FUNCTION_JAR). */
    public static final String PROPERTY = "userasset.functionJar";
    static final String BUILD_HINT = "build it first from the project root: mvn -B -o -q package -pl functions/lambda -am -DskipTests";

    private FunctionJar() {}

    public static Path locate() {
        Optional<String> explicit = Optional.ofNullable(System.getProperty(PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv("USERASSET_FUNCTION_JAR")))
                .filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            Path jar = Path.of(explicit.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) throw new IllegalStateException("function jar " + jar + " (from " + PROPERTY + ") does not exist");
            return jar;
        }
        Path root = projectRoot(Path.of("").toAbsolutePath());
        Path jar = root.resolve(RELATIVE).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the Lambda deployment jar " + RELATIVE + " does not exist yet; " + BUILD_HINT);
        }
        return jar;
    }

    /** The Maven project root: surefire's userasset.projectRoot, else the nearest directory up that holds functions/lambda/pom.xml. */
    static Path projectRoot(Path start) {
        String fromMaven = System.getProperty("userasset.projectRoot");
        if (fromMaven != null && !fromMaven.isBlank() && Files.isRegularFile(Path.of(fromMaven, "functions", "lambda", "pom.xml"))) {
            return Path.of(fromMaven).toAbsolutePath();
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("functions").resolve("lambda").resolve("pom.xml"))) return dir;
        }
        throw new IllegalStateException("cannot find the project root (a directory holding functions/lambda/pom.xml) above "
                + start + "; run from the project or set -D" + PROPERTY + "=PATH");
    }
}
