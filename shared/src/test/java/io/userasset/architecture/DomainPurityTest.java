package io.userasset.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hexagon's inside — domain and application services — talks to AWS only through ports: no
 * class there may import the AWS SDK or the Lambda libraries. Adapters and handlers may.
 */
class DomainPurityTest {

    @Test
    void domainAndApplicationImportNothingFromAws() throws IOException {
        Path sources = Paths.get("src/main/java/io/userasset");
        assertThat(sources).isDirectory();
        for (String inside : List.of("domain", "application", "ports", "config")) {
            try (Stream<Path> files = Files.walk(sources.resolve(inside))) {
                List<String> offenders = files.filter(f -> f.toString().endsWith(".java")).filter(DomainPurityTest::importsAws)
                        .map(Path::toString).toList();
                assertThat(offenders).as("classes in %s importing AWS", inside).isEmpty();
            }
        }
    }

    private static boolean importsAws(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim)
                    .anyMatch(l -> l.startsWith("import software.amazon.") || l.startsWith("import com.amazonaws."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
