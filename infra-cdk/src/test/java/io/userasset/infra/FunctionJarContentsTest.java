package io.userasset.infra;

import io.userasset.tables.FunctionSpec;
import io.userasset.tables.ResourceCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every handler the stack deploys must be in function.jar: with SnapStart, publishing a version runs
 * the function's init, so a missing class fails `cdk deploy` itself.
 */
class FunctionJarContentsTest {
    @Test
    void everyCatalogHandlerIsInTheJarOrKnownToBeMissing() throws IOException {
        Set<String> missing = new TreeSet<>();
        try (ZipFile jar = new ZipFile(FunctionJar.locate().toFile())) {
            for (FunctionSpec spec : ResourceCatalog.FUNCTIONS) {
                if (jar.getEntry(spec.handler().replace('.', '/') + ".class") == null) missing.add(spec.handler());
            }
        }
        assertThat(missing).as("handlers missing from function.jar (deploy fails until they exist)").isEmpty();
    }
}
