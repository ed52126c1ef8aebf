package io.github.orderevents.local.lambda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a CodeUri becomes: a package, the task root sam build left, a Maven project built as sam build builds it
 * (here by a stand-in mvn that records its calls and writes what Maven would), or compiled classes as they are.
 */
class ArtifactResolverTest {
    @TempDir
    Path dir;

    private Path app;
    private Path work;
    private Path bin;
    private Path calls;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void layout() throws IOException {
        app = Files.createDirectories(dir.resolve("app"));
        work = dir.resolve("work");
        bin = Files.createDirectories(dir.resolve("bin"));
        calls = dir.resolve("mvn-calls.txt");
    }

    @Test
    void packageFileIsTheArtifact() throws IOException {
        Path zip = Files.createDirectories(app.resolve("target")).resolve("ledger.zip");
        Files.writeString(zip, "PK");

        assertThat(resolver(Map.of()).resolve("RecordEntryFunction", "target/ledger.zip")).isEqualTo(zip);
    }

    @Test
    void samBuildOutputIsTheTaskRootAndNothingIsBuilt() throws IOException {
        Path greeter = project("greeter");
        Path built = Files.createDirectories(app.resolve(".aws-sam/build/GreetingsApiFunction"));
        fakeMaven(true);

        assertThat(resolver(withMaven()).resolve("GreetingsApiFunction", "greeter/")).isEqualTo(built);
        assertThat(calls).doesNotExist();
        assertThat(greeter.resolve("target")).doesNotExist();
    }

    @Test
    void mavenProjectIsBuiltAndItsClassesAndRuntimeJarsAreTheTaskRoot() throws IOException {
        project("greeter");
        fakeMaven(true);

        Path root = resolver(withMaven()).resolve("GreetingsApiFunction", "greeter/");

        assertThat(Files.readAllLines(calls)).containsExactly("-q -DskipTests package");
        assertThat(root).startsWith(work);
        assertThat(root.resolve("example/Handler.class")).hasContent("class");
        assertThat(jars(root)).containsExactly("dep-1.0.jar");
        assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("building greeter/ for GreetingsApiFunction"));
    }

    @Test
    void projectWithoutTargetDependencyGetsItsRuntimeJarsCopied() throws IOException {
        project("greeter");
        fakeMaven(false);

        Path root = resolver(withMaven()).resolve("GreetingsApiFunction", "greeter");

        List<String> mavenCalls = Files.readAllLines(calls);
        assertThat(mavenCalls).hasSize(2);
        assertThat(mavenCalls.get(1)).contains("maven-dependency-plugin:3.8.1:copy-dependencies", "-DincludeScope=runtime",
                "-DoutputDirectory=");
        assertThat(jars(root)).containsExactly("copied-1.0.jar");
    }

    @Test
    void functionsSharingACodeUriBuildItOnceAndASecondStartDoesNotRebuildUntilASourceChanges() throws IOException {
        Path greeter = project("greeter");
        fakeMaven(true);

        ArtifactResolver first = resolver(withMaven());
        Path api = first.resolve("GreetingsApiFunction", "greeter/");
        Path counter = first.resolve("GreetingCounterFunction", "greeter/");
        assertThat(counter).isEqualTo(api);
        assertThat(Files.readAllLines(calls)).hasSize(1);

        assertThat(resolver(withMaven()).resolve("GreetingsApiFunction", "greeter/")).isEqualTo(api);
        assertThat(Files.readAllLines(calls)).as("a second start, nothing changed").hasSize(1);

        Path source = greeter.resolve("src/main/java/example/Handler.java");
        Files.writeString(source, "class Handler { int changed; }");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        resolver(withMaven()).resolve("GreetingsApiFunction", "greeter/");
        assertThat(Files.readAllLines(calls)).as("after a source change").hasSize(2);
    }

    @Test
    void failedBuildNamesTheFunctionAndShowsMavensOutput() throws IOException {
        project("greeter");
        script("echo '[ERROR] COMPILATION ERROR: Handler.java:[3,1] expected'; exit 1");

        assertThatThrownBy(() -> resolver(withMaven()).resolve("GreetingsApiFunction", "greeter/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GreetingsApiFunction: building CodeUri greeter/ failed")
                .hasMessageContaining("exit code 1")
                .hasMessageContaining("COMPILATION ERROR");
    }

    @Test
    void mavenProjectWithoutMavenNamesTheFunctionAndWhereMavenWasLookedFor() throws IOException {
        project("greeter");

        assertThatThrownBy(() -> resolver(Map.of("PATH", bin.toString())).resolve("GreetingsApiFunction", "greeter/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GreetingsApiFunction: CodeUri greeter/ is a Maven project")
                .hasMessageContaining("mvn on the PATH and in MAVEN_HOME/bin and M2_HOME/bin");
    }

    @Test
    void mavenIsFoundInMavenHomeWhenThePathHasNone() throws IOException {
        Path home = Files.createDirectories(dir.resolve("maven/bin"));
        Path mvn = Files.writeString(home.resolve("mvn"), "#!/bin/sh\n");
        assumeTrue(mvn.toFile().setExecutable(true));

        assertThat(ArtifactResolver.findMaven(Map.of("PATH", bin.toString(), "MAVEN_HOME", dir.resolve("maven").toString())))
                .contains(mvn);
    }

    @Test
    void directoryOfCompiledClassesIsTheTaskRootAsItIs() throws IOException {
        Path classes = Files.createDirectories(app.resolve("build/classes/example"));
        Files.writeString(classes.resolve("Handler.class"), "class");

        assertThat(resolver(Map.of()).resolve("F", "build/classes")).isEqualTo(app.resolve("build/classes"));
    }

    @Test
    void directoryWithNeitherPomNorClassesNamesTheFunctionAndWhatWasLookedFor() throws IOException {
        Files.createDirectories(app.resolve("greeter/src"));

        assertThatThrownBy(() -> resolver(Map.of()).resolve("GreetingsApiFunction", "greeter/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GreetingsApiFunction: CodeUri greeter/ has no pom.xml, no .aws-sam/build/GreetingsApiFunction"
                        + " and no compiled classes; run sam build or mvn package");
    }

    @Test
    void gradleProjectIsRefusedSayingItIsNotBuiltAndWhatToRunInstead() throws IOException {
        Files.createDirectories(app.resolve("HelloWorldFunction/src/main/java"));
        Files.writeString(app.resolve("HelloWorldFunction/build.gradle"), "plugins { id 'java' }");
        Files.createDirectories(app.resolve("kts"));
        Files.writeString(app.resolve("kts/build.gradle.kts"), "plugins { java }");

        assertThatThrownBy(() -> resolver(withMaven()).resolve("HelloWorldFunction", "HelloWorldFunction"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("HelloWorldFunction: CodeUri HelloWorldFunction is a Gradle project (build.gradle), which the local"
                        + " cloud does not build (Maven projects only); run sam build (it leaves .aws-sam/build/HelloWorldFunction),"
                        + " or build its Lambda zip and make CodeUri that file");
        assertThatThrownBy(() -> resolver(withMaven()).resolve("F", "kts"))
                .hasMessageContaining("is a Gradle project (build.gradle.kts)");
    }

    @Test
    void missingCodeUriNamesTheFunctionAndWhatWasLookedFor() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve("RecordEntryFunction", "target/ledger.zip"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("RecordEntryFunction: CodeUri target/ledger.zip does not exist")
                .hasMessageContaining("no .aws-sam/build/RecordEntryFunction")
                .hasMessageEndingWith("build the package first (mvn package)");
    }

    private ArtifactResolver resolver(Map<String, String> environment) {
        return new ArtifactResolver(app, work, environment, progress::add);
    }

    private Map<String, String> withMaven() {
        return Map.of("PATH", bin + ":/usr/bin:/bin");
    }

    private Path project(String name) throws IOException {
        Path project = Files.createDirectories(app.resolve(name));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path source = Files.createDirectories(project.resolve("src/main/java/example")).resolve("Handler.java");
        Files.writeString(source, "class Handler {}");
        return project;
    }

    /** A stand-in mvn: records its arguments; package writes target/classes (and target/dependency if asked). */
    private void fakeMaven(boolean producesTargetDependency) throws IOException {
        script("""
                echo "$*" >> '%s'
                case "$*" in
                  *copy-dependencies*)
                    out=$(echo "$*" | sed 's/.*-DoutputDirectory=\\([^ ]*\\).*/\\1/')
                    mkdir -p "$out" && echo jar > "$out/copied-1.0.jar" ;;
                  *package*)
                    mkdir -p target/classes/example && printf class > target/classes/example/Handler.class
                    %s ;;
                esac
                """.formatted(calls, producesTargetDependency ? "mkdir -p target/dependency && echo jar > target/dependency/dep-1.0.jar" : ":"));
    }

    private void script(String body) throws IOException {
        assumeTrue(!System.getProperty("os.name").toLowerCase().startsWith("windows"), "a shell script stands in for mvn");
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> jars(Path root) throws IOException {
        try (Stream<Path> jars = Files.list(root.resolve("lib"))) {
            return jars.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
