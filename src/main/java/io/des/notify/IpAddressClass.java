package io.des.notify;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What kind of network an address belongs to, for deciding whether DES may send a webhook there.
 * IPv6 addresses that embed an IPv4 address (IPv4-compatible, IPv4-mapped, NAT64 {@code
 * 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4 address they reach, so {@code
 * [::ffff:10.0.0.1]} is as private as {@code 10.0.0.1}.
 */
enum IpAddressClass {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private address"),
    SHARED("a carrier-grade NAT address"),
    LINK_LOCAL("a link-local address"),
    CLOUD_METADATA("a cloud metadata address"),
    UNSPECIFIED("an unspecified address"),
    MULTICAST("a multicast address"),
    RESERVED("a reserved address");

    /** Amazon's IPv6 instance metadata address: inside fc00::/7, yet never a receiver. */
    private static final byte[] AWS_METADATA_V6 = literal("fd00:ec2::254");

    private final String description;

    IpAddressClass(String description) {
        this.description = description;
    }

    /** For messages: "a private address". */
    String description() {
        return description;
    }

    static IpAddressClass of(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address ? ofIpv4(bytes) : ofIpv6(bytes);
    }

    private static IpAddressClass ofIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return UNSPECIFIED; // 0.0.0.0/8, "this network"
        }
        if (first == 127) {
            return LOOPBACK;
        }
        if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
            return PRIVATE;
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return SHARED; // 100.64.0.0/10
        }
        if (first == 169 && second == 254) {
            // 169.254.169.254 is the metadata service of AWS, GCP and Azure; the whole /16 is link-local.
            return (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254 ? CLOUD_METADATA : LINK_LOCAL;
        }
        if (first >= 224 && first <= 239) {
            return MULTICAST;
        }
        if (first >= 240) {
            return RESERVED; // 240.0.0.0/4 and the broadcast address
        }
        return PUBLIC;
    }

    private static IpAddressClass ofIpv6(byte[] b) {
        byte[] embedded = embeddedIpv4(b);
        if (embedded != null) {
            return ofIpv4(embedded);
        }
        if (Arrays.equals(b, AWS_METADATA_V6)) {
            return CLOUD_METADATA;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (isZero(b, 0, 16)) {
            return UNSPECIFIED;
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return LOOPBACK;
        }
        if (first == 0xff) {
            return MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if ((first & 0xfe) == 0xfc || (first == 0xfe && (second & 0xc0) == 0xc0)) {
            return PRIVATE; // unique local fc00::/7, and the deprecated site-local fec0::/10
        }
        return PUBLIC;
    }

    /** The IPv4 address an IPv6 address stands for, or null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean compatible = isZero(b, 0, 12) && !isZero(b, 12, 15); // ::a.b.c.d, not :: or ::1
        boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12);
        if (compatible || mapped || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 6to4
        }
        return null;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String ipv6) {
        try {
            return InetAddress.getByName(ipv6).getAddress();
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
