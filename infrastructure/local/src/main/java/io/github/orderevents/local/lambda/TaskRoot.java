package io.github.orderevents.local.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A function's code laid out as Lambda lays it out in {@code LAMBDA_TASK_ROOT} (/var/task): the deployment package
 * (a jar is a zip) unzipped, classes at the root and {@code lib/*.jar}, which is what the runtime interface client's
 * class loader reads; a jar with no jars inside goes into {@code lib/} as it is, which loads the same. A zip is unzipped once per size and modification time; a directory is the task root as it is.
 * Extra jars (local-only code for the function's class loader) go into {@code lib/}.
 */
final class TaskRoot {
    /** Sorts after the package's own jars: the client adds lib/*.jar in lexical order. */
    private static final String EXTRA_PREFIX = "~local-";

    private TaskRoot() {
    }

    /** The task root of {@code config}'s artifact, prepared under {@code workDir/tasks} when it has to be. */
    static Path prepare(FunctionConfig config, Path workDir) throws IOException {
        Path artifact = config.artifact().toAbsolutePath().normalize();
        for (Path extra : config.extraClassPath()) {
            if (!Files.isRegularFile(extra) || !extra.getFileName().toString().endsWith(".jar")) {
                throw new IllegalArgumentException("function " + config.functionName() + ": extra class path entry "
                        + extra + " is not a jar (the function's class loader reads lib/*.jar only)");
            }
        }
        if (Files.isDirectory(artifact) && config.extraClassPath().isEmpty()) {
            return artifact;
        }
        if (!Files.exists(artifact)) {
            throw new IllegalStateException("function " + config.functionName() + ": CodeUri " + artifact
                    + " does not exist; build it first (mvn package)");
        }
        Path tasks = Files.createDirectories(workDir.resolve("tasks"));
        if (Files.isDirectory(artifact)) {
            return mirror(config, artifact, tasks);
        }
        String prefix = safe(config.functionName()) + "-" + digest(artifact.toString()).substring(0, 12) + "-";
        Path root = tasks.resolve(prefix + digest(stamp(artifact) + stamps(config.extraClassPath())).substring(0, 16));
        if (Files.isDirectory(root)) {
            return root;
        }
        Path staging = Files.createTempDirectory(tasks, prefix + "staging-");
        try {
            if (carriesLibraries(artifact)) {
                unzip(artifact, staging);
            } else {
                // A jar without lib/*.jar inside (a shaded jar): on the class path as it is, the same classes and
                // resources as unzipped at the root, without writing thousands of files on every new build.
                Files.copy(artifact, Files.createDirectories(staging.resolve("lib")).resolve(artifact.getFileName()));
            }
            addExtras(config.extraClassPath(), staging);
            publish(staging, root);
        } finally {
            deleteTree(staging);
        }
        removeStale(tasks, prefix, root);
        return root;
    }

    /** A directory artifact with extras: its entries linked into a fresh task root beside lib/ with the extras. */
    private static Path mirror(FunctionConfig config, Path artifact, Path tasks) throws IOException {
        Path root = tasks.resolve(safe(config.functionName()) + "-" + digest(artifact.toString()).substring(0, 12) + "-linked");
        deleteTree(root);
        Files.createDirectories(root);
        try (Stream<Path> entries = Files.list(artifact)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("lib")) {
                    Files.createSymbolicLink(root.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
        Path lib = Files.createDirectories(root.resolve("lib"));
        Path ownLib = artifact.resolve("lib");
        if (Files.isDirectory(ownLib)) {
            try (Stream<Path> jars = Files.list(ownLib)) {
                for (Path jar : jars.toList()) {
                    Files.createSymbolicLink(lib.resolve(jar.getFileName().toString()), jar);
                }
            }
        }
        addExtras(config.extraClassPath(), root);
        return root;
    }

    /** Whether a package holds jars of its own under lib/ (a Lambda zip), which only unzipping puts on the class path. */
    private static boolean carriesLibraries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().anyMatch(entry -> !entry.isDirectory() && entry.getName().startsWith("lib/")
                    && entry.getName().endsWith(".jar"));
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException(zip + ": entry " + entry.getName() + " points outside the package");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void addExtras(List<Path> extras, Path root) throws IOException {
        if (extras.isEmpty()) {
            return;
        }
        Path lib = Files.createDirectories(root.resolve("lib"));
        for (int i = 0; i < extras.size(); i++) {
            Files.copy(extras.get(i), lib.resolve(EXTRA_PREFIX + i + "-" + extras.get(i).getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Moves the unzipped package into place; another process that got there first wins. */
    private static void publish(Path staging, Path root) throws IOException {
        try {
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Unzipped concurrently: theirs is as good.
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, root);
        }
    }

    /** Drops the task roots of older builds of the same artifact. */
    private static void removeStale(Path tasks, String prefix, Path current) throws IOException {
        try (Stream<Path> siblings = Files.list(tasks)) {
            for (Path sibling : siblings.toList()) {
                String name = sibling.getFileName().toString();
                if (!sibling.equals(current) && name.startsWith(prefix) && !name.startsWith(prefix + "staging-")) {
                    deleteTree(sibling);
                }
            }
        }
    }

    private static String stamp(Path file) throws IOException {
        return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    }

    private static String stamps(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append('|').append(file.toAbsolutePath()).append('=').append(stamp(file));
        }
        return all.toString();
    }

    /** {@code name} with what a file name should not hold replaced by {@code _}. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The SHA-256 of {@code text}, in hex: short stable folder names for long paths. */
    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            // Files.walk does not follow links: a linked directory is deleted as a link, its target left alone.
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
