package io.github.orderevents.local.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The TCP sockets this JVM listens on, read from Linux's /proc (the kernel's view, not the libraries'). */
final class ListeningSockets {
    private static final Path PROC_NET = Path.of("/proc/net");
    private static final Path OWN_FDS = Path.of("/proc/self/fd");
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** A listening socket: the address and port it binds. */
    record Listener(InetAddress address, int port) {
        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            String host = address.getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static boolean readable() {
        return Files.isReadable(PROC_NET.resolve("tcp")) && Files.isDirectory(OWN_FDS);
    }

    /** Every socket in LISTEN state whose inode is one of this process's file descriptors. */
    static List<Listener> ofThisProcess() {
        Set<String> inodes = ownSocketInodes();
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = PROC_NET.resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                        listeners.add(parse(fields[1]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return listeners;
    }

    private static Set<String> ownSocketInodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(OWN_FDS)) {
            fds.forEach(fd -> {
                try {
                    Matcher socket = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(socket.group(1));
                    }
                } catch (IOException e) {
                    // closed while listing (or the listing's own descriptor): not a socket we care about
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    /**
     * {@code 0100007F:1F40} (tcp) or 32 hex digits then the port (tcp6): the address is written as 32-bit
     * words in the kernel's byte order, the port in big-endian hex.
     */
    static Listener parse(String localAddress) {
        String[] parts = localAddress.split(":");
        byte[] words = HexFormat.of().parseHex(parts[0]);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            for (int i = 0; i < words.length; i += 4) {
                reverse(words, i);
            }
        }
        try {
            return new Listener(InetAddress.getByAddress(words), Integer.parseInt(parts[1], 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + localAddress, e);
        }
    }

    private static void reverse(byte[] bytes, int from) {
        for (int i = 0; i < 2; i++) {
            byte swap = bytes[from + i];
            bytes[from + i] = bytes[from + 3 - i];
            bytes[from + 3 - i] = swap;
        }
    }
}
