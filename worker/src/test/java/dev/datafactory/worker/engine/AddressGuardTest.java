package dev.datafactory.worker.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The address guard's decisions; names resolve through a fixed table so no DNS is asked. */
class AddressGuardTest {

    private final Map<String, String> dns = Map.of(
            "metadata.google.internal", "169.254.169.254",
            "intranet.corp.example", "192.168.1.5",
            "shop.example", "93.184.216.34");

    private final AddressGuard guard = new AddressGuard(host -> {
        String address = dns.get(host);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByName(address)};
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    });

    @Test
    void refusesTheMetadataServerByAddressAndByName() {
        assertThat(guard.refusal("http://169.254.169.254/computeMetadata/v1/", List.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("metadata").contains("allowHosts"));
        assertThat(guard.refusal("http://metadata.google.internal/computeMetadata/v1/", List.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("resolves to 169.254.169.254"));
    }

    @Test
    void refusesPrivateLoopbackAndUniqueLocalAddresses() {
        assertThat(guard.refusal("http://10.1.2.3/", List.of())).hasValueSatisfying(r -> assertThat(r).contains("private"));
        assertThat(guard.refusal("http://172.16.0.9:8080/x", List.of())).isPresent();
        assertThat(guard.refusal("http://intranet.corp.example/", List.of())).isPresent();
        assertThat(guard.refusal("http://127.0.0.1:8931/", List.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("loopback"));
        assertThat(guard.refusal("http://[::1]:8931/", List.of())).isPresent();
        assertThat(guard.refusal("http://[fd00::1]/", List.of())).isPresent();
        assertThat(guard.refusal("http://0.0.0.0/", List.of())).isPresent();
        assertThat(guard.refusal("http://100.64.0.1/", List.of())).isPresent();
    }

    @Test
    void realResolverSeesThroughLocalhost() {
        assertThat(AddressGuard.system().refusal("http://localhost:8931/", List.of()))
                .hasValueSatisfying(r -> assertThat(r).contains("resolves to"));
    }

    @Test
    void allowHostsLiftsTheGuardForNamedHostsOnly() {
        assertThat(guard.refusal("http://127.0.0.1:8931/", List.of("127.0.0.1"))).isEmpty();
        assertThat(guard.refusal("http://10.1.2.3/", List.of("127.0.0.1"))).isPresent();
        assertThat(guard.refusal("http://intranet.corp.example/", List.of("INTRANET.corp.example"))).isEmpty();
    }

    @Test
    void publicAddressesAndNonHttpSchemes() {
        assertThat(guard.refusal("https://shop.example/p/1", List.of())).isEmpty();
        assertThat(guard.refusal("file:///etc/passwd", List.of())).isPresent();
    }
}
