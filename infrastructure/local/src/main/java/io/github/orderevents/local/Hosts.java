package io.github.orderevents.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** The host every port of the local cloud listens on (--host), and how this machine's clients reach it. */
final class Hosts {
    private Hosts() {
    }

    static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host: no such host or address: " + host);
        }
    }

    static boolean isLoopback(String host) {
        return resolve(host).isLoopbackAddress();
    }

    /** {@code host} as a URI's host; a wildcard address (0.0.0.0, ::) is reached through loopback. */
    static String forUri(String host) {
        String reachable = resolve(host).isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : host;
        return reachable.contains(":") && !reachable.startsWith("[") ? "[" + reachable + "]" : reachable;
    }

    /** What to print on stderr when {@code host} is reachable from other machines. */
    static Optional<String> exposureWarning(String host, boolean emulators) {
        if (isLoopback(host)) {
            return Optional.empty();
        }
        String exposed = (emulators ? "DynamoDB Local, SQS and the API (with its console)" : "the API (with its console)")
                + ", and the Lambda API that invokes every function";
        return Optional.of("warning: --host " + host + " exposes " + exposed + ", unauthenticated, to the network;"
                + " the default, 127.0.0.1, keeps them on this machine");
    }
}
