package dev.jwksguard.testsupport;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's /proc (what {@code ss -ltnp} shows):
 * the inodes of the process's socket descriptors, matched against /proc/net/tcp and tcp6.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** "address:port" of each listening socket of the process, e.g. "127.0.0.1:8080". */
    public static Set<String> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        Set<String> listening = new TreeSet<>();
        listeners().forEach((inode, address) -> {
            if (inodes.contains(inode)) {
                listening.add(address);
            }
        });
        return listening;
    }

    /** The process with a socket listening on the TCP port: a server the tests did not start themselves. */
    public static long processListeningOn(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        listeners().forEach((inode, address) -> {
            if (address.endsWith(":" + port)) {
                inodes.add(inode);
            }
        });
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    Set<String> its = socketInodes(Long.parseLong(name));
                    if (its.stream().anyMatch(inodes::contains)) {
                        return Long.parseLong(name);
                    }
                }
            }
        }
        throw new IllegalStateException("no process listens on port " + port);
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            descriptors.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor went away while listing.
                }
            });
        } catch (IOException notOursOrGone) {
            // Another user's process, or one that ended: it has no socket of ours.
        }
        return inodes;
    }

    /** Every listening TCP socket on the machine: inode to "address:port". */
    private static Map<String, String> listeners() throws IOException {
        Map<String, String> listening = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) { // the first is the header
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN)) {
                    listening.put(fields[9], address(fields[1]));
                }
            }
        }
        return listening;
    }

    /** /proc's "0100007F:1F90" (little-endian words) as "127.0.0.1:8080"; IPv4-mapped IPv6 as IPv4. */
    private static String address(String hexAddressAndPort) throws UnknownHostException {
        String[] parts = hexAddressAndPort.split(":");
        byte[] raw = new BigInteger("1" + parts[0], 16).toByteArray();
        byte[] bytes = new byte[parts[0].length() / 2];
        System.arraycopy(raw, 1, bytes, 0, bytes.length);
        for (int word = 0; word < bytes.length; word += 4) { // each 32-bit word is little-endian
            for (int i = 0; i < 2; i++) {
                byte swap = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = swap;
            }
        }
        InetAddress address = InetAddress.getByAddress(bytes);
        return address.getHostAddress() + ":" + Integer.parseInt(parts[1], 16);
    }
}
