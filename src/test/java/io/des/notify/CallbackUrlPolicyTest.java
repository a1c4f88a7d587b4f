package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Literal addresses and {@code localhost} only: this machine has no DNS, and names go through a fake resolver. */
class CallbackUrlPolicyTest {

    private final CallbackUrlPolicy strict = CallbackUrlPolicy.strict();

    @ParameterizedTest
    @ValueSource(strings = {
        "https://93.184.216.34/des/hooks",
        "https://93.184.216.34:8443/des/hooks?tenant=acme&x=1",
        "HTTPS://8.8.8.8",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/hook",
        "https://172.32.0.1/just-above-172.16/12",
        "https://100.128.0.1/just-above-cgnat"})
    void publicHttpsUrlsAreAllowed(String url) {
        assertEquals(Optional.empty(), strict.refusal(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://127.0.0.1/hook            | host 127.0.0.1 is a loopback address",
        "https://127.8.9.10/hook           | host 127.8.9.10 is a loopback address",
        "https://2130706433/hook           | host 2130706433 is a loopback address",
        "https://[::1]/hook                | host [::1] is a loopback address",
        "https://10.1.2.3/hook             | host 10.1.2.3 is a private address",
        "https://172.16.0.1/hook           | host 172.16.0.1 is a private address",
        "https://172.31.255.254/hook       | host 172.31.255.254 is a private address",
        "https://192.168.1.1/hook          | host 192.168.1.1 is a private address",
        "https://[fd12:3456::1]/hook       | host [fd12:3456::1] is a private address",
        "https://[::ffff:10.0.0.1]/hook    | host [::ffff:10.0.0.1] is a private address",
        "https://[64:ff9b::a00:1]/hook     | host [64:ff9b::a00:1] is a private address",
        "https://[2002:c0a8:101::1]/hook   | host [2002:c0a8:101::1] is a private address",
        "https://100.64.0.1/hook           | host 100.64.0.1 is a carrier-grade NAT address",
        "https://100.127.255.1/hook        | host 100.127.255.1 is a carrier-grade NAT address",
        "https://169.254.169.254/latest    | host 169.254.169.254 is a cloud metadata address",
        "https://[fd00:ec2::254]/latest    | host [fd00:ec2::254] is a cloud metadata address",
        "https://169.254.10.20/hook        | host 169.254.10.20 is a link-local address",
        "https://[fe80::1]/hook            | host [fe80::1] is a link-local address",
        "https://0.0.0.0/hook              | host 0.0.0.0 is an unspecified address",
        "https://[::]/hook                 | host [::] is an unspecified address",
        "https://224.0.0.1/hook            | host 224.0.0.1 is a multicast address",
        "https://[ff02::1]/hook            | host [ff02::1] is a multicast address",
        "https://255.255.255.255/hook      | host 255.255.255.255 is a reserved address",
        "https://localhost/hook            | host localhost resolves to a loopback address"})
    void internalAddressesAreRefusedWithAReason(String url, String reason) {
        assertEquals(Optional.of(reason), strict.refusal(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://93.184.216.34/hook            | must be an absolute https URL",
        "ftp://93.184.216.34/hook             | must be an absolute https URL",
        "/relative/hook                       | must be an absolute https URL",
        "https://user:pw@93.184.216.34/hook   | must not contain a user name or password",
        "https://93.184.216.34/hook#part      | must not have a fragment (#…)",
        "https:opaque                         | must name a host (international names in their xn-- form)",
        "https://93.184.216.34:99999/hook     | has an invalid port",
        "https://93.184.216.34/a b            | is not a valid URL"})
    void malformedUrlsAreRefusedWithAReason(String url, String reason) {
        assertEquals(Optional.of(reason), strict.refusal(url));
    }

    @Test
    void emptyAndOverlongUrlsAreRefused() {
        String longUrl = "https://93.184.216.34/" + "a".repeat(2048);

        assertEquals(Optional.of("must not be empty"), strict.refusal(""));
        assertEquals(Optional.of("must not be empty"), strict.refusal(null));
        assertEquals(Optional.of("must be at most 2048 characters long"), strict.refusal(longUrl));
        assertEquals(Optional.empty(), strict.refusal(longUrl.substring(0, 2048)));
        assertEquals(Optional.of("must be at most 30 characters long"), strict.withMaxLength(30).refusal(longUrl));
    }

    @Test
    void localModeAllowsHttpToLoopbackButNotPrivateOrMetadata() {
        CallbackUrlPolicy local = CallbackUrlPolicy.localMode();

        assertEquals(Optional.empty(), local.refusal("http://127.0.0.1:9000/hook"));
        assertEquals(Optional.empty(), local.refusal("http://localhost:9000/hook"));
        assertEquals(Optional.empty(), local.refusal("http://[::1]:9000/hook"));
        assertEquals(Optional.of("host 10.0.0.7 is a private address"), local.refusal("http://10.0.0.7/hook"));
        assertEquals(Optional.of("host 169.254.169.254 is a cloud metadata address"),
                local.refusal("http://169.254.169.254/latest/meta-data/"));
        assertEquals(Optional.of("must be an absolute http or https URL"), local.refusal("file:///etc/passwd"));
    }

    @Test
    void allowingPrivateAdmitsPrivateAndCgnatButNeverLinkLocal() {
        CallbackUrlPolicy internal = strict.allowingPrivate();

        assertEquals(Optional.empty(), internal.refusal("https://10.0.0.7/hook"));
        assertEquals(Optional.empty(), internal.refusal("https://[fd12::7]/hook"));
        assertEquals(Optional.empty(), internal.refusal("https://100.64.1.1/hook"));
        assertTrue(internal.refusal("https://127.0.0.1/hook").isPresent());
        assertTrue(internal.refusal("https://169.254.169.254/hook").isPresent());
        assertTrue(internal.refusal("https://[fd00:ec2::254]/hook").isPresent());
    }

    @Test
    void everyResolvedAddressMustBeAllowedAndTheReasonNeverShowsIt() {
        CallbackUrlPolicy policy = strict.withResolver(names(Map.of(
                "hooks.example.com", new String[] {"93.184.216.34"},
                "mixed.example.com", new String[] {"93.184.216.34", "10.20.30.40"},
                "meta.example.com", new String[] {"169.254.169.254"})));

        assertEquals(Optional.empty(), policy.refusal("https://hooks.example.com/des"));
        Optional<String> mixed = policy.refusal("https://mixed.example.com/des");
        assertEquals(Optional.of("host mixed.example.com resolves to a private address"), mixed);
        assertFalse(mixed.get().contains("10.20.30.40"));
        assertEquals(Optional.of("host meta.example.com resolves to a cloud metadata address"),
                policy.refusal("https://meta.example.com/des"));
        assertEquals(Optional.of("host nowhere.example.com does not resolve"), policy.refusal("https://nowhere.example.com/des"));
    }

    @Test
    void aNameThatRebindsToAPrivateAddressIsRefusedOnTheNextCheck() {
        String[][] answers = {{"93.184.216.34"}, {"192.168.0.10"}};
        int[] lookups = {0};
        CallbackUrlPolicy policy = strict.withResolver(host -> literals(answers[Math.min(lookups[0]++, 1)]));

        assertEquals(Optional.empty(), policy.refusal("https://rebind.example.com/des"));
        assertEquals(Optional.of("host rebind.example.com resolves to a private address"),
                policy.refusal("https://rebind.example.com/des"));
    }

    private static CallbackUrlPolicy.HostResolver names(Map<String, String[]> table) {
        return host -> {
            String[] addresses = table.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return literals(addresses);
        };
    }

    private static InetAddress[] literals(String[] addresses) throws UnknownHostException {
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]); // literals: no DNS
        }
        return resolved;
    }
}
