package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode run as the README shows, with {@code samples/tenants.json}: two tenants send the same
 * erid and each gets its own, different answer; no key gets 401; the web UI stays on loopback.
 */
class LocalTenantsIT {

    private static final String ERID = "5b0e7a34-1f2d-4c3b-9a8e-6d5c4b3a2f10";
    private static final String ACME_KEY = "des-demo-acme-0001";
    private static final String GLOBEX_KEY = "des-demo-globex-0001";

    @Test
    void twoTenantsSendTheSameEridAndEachSeesOnlyItsOwn(@TempDir Path tmp) throws Exception {
        Path tenants = Path.of(System.getProperty("des.project.dir", "."), "samples", "tenants.json");
        int webUiPort = EmulatorProcesses.freePort();
        try (LocalDes des = LocalDes.start(LocalOptions.parse(new String[] {
                "--port", "0", "--web-ui-port", String.valueOf(webUiPort), "--data-dir", tmp.toString(),
                "--checkpoint-interval-ms", "500", "--tenants-file", tenants.toString()}))) {
            DesClient acme = new DesClient(des.port(), ACME_KEY);
            DesClient globex = new DesClient(des.port(), GLOBEX_KEY);
            DesClient anonymous = new DesClient(des.port());
            String today = LocalDate.now(ZoneOffset.UTC).toString();

            assertEquals(401, anonymous.post(DesClient.chunk(ERID, 0, 3, 3)).statusCode());
            assertEquals(202, acme.post(DesClient.chunk(ERID, 0, 3, 3)).statusCode());
            assertEquals(202, globex.post(DesClient.chunk(ERID, 100, 5, 105)).statusCode(), "globex's own ERID of 105 records");

            JsonNode acmeDone = acme.awaitGet(ERID, today, a -> a.get("status").asText().equals("completed"), Duration.ofMinutes(2));
            assertEquals(3, acmeDone.get("progress").get("number_of_records").asLong());
            JsonNode globexView = globex.awaitGet(ERID, today, a -> a.get("progress").get("records_committed").asLong() == 5,
                    Duration.ofMinutes(2));
            assertEquals("incomplete", globexView.get("status").asText(), "globex's 5 of 105 do not complete acme's ERID");
            assertEquals(3, acme.get(ERID, today, today, 1, 10).get("data").size());
            Set<String> acmeNames = new HashSet<>();
            acme.get(ERID, today, today, 1, 10).get("data").forEach(row -> acmeNames.add(row.get("first_name").asText()));
            assertEquals(Set.of("First0", "First1", "First2"), acmeNames, "acme sees its own contacts only");

            HttpResponse<String> usage = globex.rawGet("/v2/usage");
            assertEquals(200, usage.statusCode());
            JsonNode globexUsage = DesClient.JSON.readTree(usage.body());
            assertEquals("globex", globexUsage.get("tenant").asText());
            assertEquals(5, globexUsage.get("usage").get("records_accepted").asLong());
            assertEquals(10_000, globexUsage.get("limits").get("records_per_day").asLong());
            assertEquals(200, anonymous.rawGet("/status").statusCode(), "/status needs no key");
            assertEquals(200, anonymous.rawGet("/openapi.json").statusCode(), "/openapi.json needs no key");
            assertEquals(401, anonymous.rawGet("/v2/usage").statusCode());

            assertWebUiOnLoopbackOnly(webUiPort);
        }
    }

    private static void assertWebUiOnLoopbackOnly(int port) throws Exception {
        try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(loopback.isConnected(), "the web UI answers on loopback");
        }
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(network -> !isLoopback(network))
                .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback address to try");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external.get(), port), 2000);
            throw new AssertionError("the Flink web UI accepted a connection on " + external.get());
        } catch (java.io.IOException refused) {
            // refused or unreachable from outside loopback, as intended
        }
    }

    private static boolean isLoopback(NetworkInterface network) {
        try {
            return network.isLoopback();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

}
