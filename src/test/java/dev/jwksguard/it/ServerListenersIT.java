package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.ListeningSockets;
import dev.jwksguard.testsupport.ServerAdmin;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Only what must listen, listens, on the full servers as server-config/ sets them up: Payara
 * Server's HTTP, HTTPS and admin listeners (no Hazelcast, JMS, JMX or IIOP), WildFly's HTTP and
 * management ports, every one on 127.0.0.1. Payara Micro's own check is ListenersIT.
 */
@ExtendWith(ArquillianExtension.class)
class ServerListenersIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    @Test
    void serverWhenServingThenOnlyItsConfiguredListenersOnLoopback() throws Exception {
        ServerAdmin admin = ServerAdmin.forThisRun();
        assertThat(ItServer.get("/api/ping").statusCode()).isEqualTo(200);
        long server = ListeningSockets.processListeningOn(Integer.getInteger("it.http.port"));

        Set<String> expected = admin.listenerPorts().stream().map(port -> "127.0.0.1:" + port)
                .collect(Collectors.toSet());
        assertThat(ListeningSockets.of(server)).as(ItServer.SERVER).containsExactlyInAnyOrderElementsOf(expected);
    }
}
