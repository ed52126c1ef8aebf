package io.github.orderevents.systemtests.template;

import io.github.orderevents.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where the project's top folder is, as the build tells the tests. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    public static Path root() {
        return Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
    }

    public static SamTemplate template() {
        try {
            return SamTemplate.read(root().resolve("template.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
