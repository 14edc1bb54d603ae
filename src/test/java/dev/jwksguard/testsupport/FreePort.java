package dev.jwksguard.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port free on 127.0.0.1 now, for a server a test starts itself. */
public final class FreePort {

    private FreePort() {
    }

    public static int onLoopback() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
