package io.github.orderevents.local.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRootTest {
    @TempDir
    Path dir;

    @Test
    void unzipsAPackageThatCarriesLibrariesAndReusesItUntilThePackageChanges() throws IOException {
        Path jar = zip("function.jar", "app/Handler.class", "lib/dep.jar");
        FunctionConfig config = FunctionConfig.of("orders", "app.Handler", jar);

        Path root = TaskRoot.prepare(config, dir);
        assertThat(root.resolve("app/Handler.class")).hasContent("app/Handler.class");
        assertThat(root.resolve("lib/dep.jar")).isRegularFile();
        Files.writeString(root.resolve("marker"), "still the same");
        assertThat(TaskRoot.prepare(config, dir)).isEqualTo(root);
        assertThat(root.resolve("marker")).exists();

        zip("function.jar", "app/Handler.class", "app/New.class", "lib/dep.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        Path rebuilt = TaskRoot.prepare(config, dir);
        assertThat(rebuilt).isNotEqualTo(root);
        assertThat(rebuilt.resolve("app/New.class")).isRegularFile();
        assertThat(root).doesNotExist();
    }

    @Test
    void putsAJarWithoutLibrariesOfItsOwnIntoLibAsItIs() throws IOException {
        Path shaded = zip("function.jar", "app/Handler.class", "META-INF/services/x");

        Path root = TaskRoot.prepare(FunctionConfig.of("orders", "app.Handler", shaded), dir);

        assertThat(root.resolve("lib/function.jar")).hasSameBinaryContentAs(shaded);
        assertThat(root.resolve("app")).doesNotExist();
    }

    @Test
    void usesADirectoryAsTheTaskRootAsItIs() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));

        assertThat(TaskRoot.prepare(FunctionConfig.of("orders", "app.Handler", classes), dir)).isEqualTo(classes.toAbsolutePath());
    }

    @Test
    void putsExtraJarsIntoLibAfterThePackagesOwn() throws IOException {
        Path extra = zip("faults.jar", "local/Faults.class");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve("Handler.class"), "x");
        Files.createDirectories(classes.resolve("lib"));
        Files.writeString(classes.resolve("lib/zeta.jar"), "own");

        Path fromJar = TaskRoot.prepare(FunctionConfig.of("a", "H", zip("function.jar", "lib/zeta.jar"))
                .withExtraClassPath(List.of(extra)), dir);
        Path fromDirectory = TaskRoot.prepare(FunctionConfig.of("b", "H", classes).withExtraClassPath(List.of(extra)), dir);

        for (Path root : List.of(fromJar, fromDirectory)) {
            try (var jars = Files.list(root.resolve("lib"))) {
                assertThat(jars.map(p -> p.getFileName().toString()).sorted()).containsExactly("zeta.jar", "~local-0-faults.jar");
            }
        }
        assertThat(fromDirectory.resolve("Handler.class")).hasContent("x");
        assertThat(classes.resolve("lib/~local-0-faults.jar")).as("the artifact itself is left alone").doesNotExist();
    }

    @Test
    void refusesAnEntryThatPointsOutsideThePackage() throws IOException {
        Path evil = zip("evil.zip", "lib/dep.jar", "../outside.class");

        assertThatThrownBy(() -> TaskRoot.prepare(FunctionConfig.of("evil", "H", evil), dir))
                .hasMessageContaining("points outside the package");
    }

    private Path zip(String name, String... entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes());
                zip.closeEntry();
            }
        }
        return file;
    }
}
