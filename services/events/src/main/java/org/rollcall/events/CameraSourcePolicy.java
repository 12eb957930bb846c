package org.rollcall.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The platform operator's rule for what a camera may be, enforced where a tenant saves a camera
 * (identity) and again where it is opened (frame-ingest, at every connection, after name
 * resolution): the kinds allowed, the folders video files may come from (none unless listed), and
 * the networks a camera address may be in. Loopback, link-local (cloud metadata), private,
 * unique-local, carrier-grade NAT, multicast and unspecified addresses are refused unless their
 * network is listed: a camera URL must not turn frame-ingest into a scanner of its own host or
 * cluster. Refusals name the rule, never whether a file or port exists.
 *
 * @param kinds kinds a tenant may register
 * @param fileRoots folders FILE cameras may play from (after resolving symbolic links)
 * @param allowedNetworks networks (CIDR) allowed although private, e.g. a site's camera VLAN
 */
public record CameraSourcePolicy(Set<CameraDefinition.Kind> kinds, List<Path> fileRoots, List<Network> allowedNetworks) {

    public CameraSourcePolicy {
        kinds = Set.copyOf(kinds);
        fileRoots = fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    /** From the configuration's lists (blank entries ignored); no kinds listed means every kind. */
    public static CameraSourcePolicy of(List<String> kinds, List<String> fileRoots, List<String> networks) {
        Set<CameraDefinition.Kind> k = EnumSet.noneOf(CameraDefinition.Kind.class);
        for (String s : kinds) {
            if (!s.isBlank()) {
                k.add(CameraDefinition.Kind.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            }
        }
        if (k.isEmpty()) {
            k = EnumSet.allOf(CameraDefinition.Kind.class);
        }
        List<Path> roots = fileRoots.stream().filter(s -> !s.isBlank()).map(s -> Path.of(s.trim())).toList();
        List<Network> nets = networks.stream().filter(s -> !s.isBlank()).map(s -> Network.parse(s.trim())).toList();
        return new CameraSourcePolicy(k, roots, nets);
    }

    /**
     * Why this source is not allowed, or null. {@code unresolvedAllowed}: a host name that does not
     * resolve here passes (identity may not see a site's DNS); frame-ingest passes false.
     */
    public String refusal(CameraDefinition.Kind kind, String url, boolean unresolvedAllowed) {
        if (!kinds.contains(kind)) {
            return "Cameras of this kind (" + kind + ") are not allowed here.";
        }
        String u = url == null ? "" : url.trim();
        return switch (kind) {
            case BROWSER -> null;
            case USB -> u.matches("/dev/video[0-9]{1,3}") ? null : "A USB camera is a device such as /dev/video0.";
            case FILE -> fileRefusal(u);
            case RTSP -> networkRefusal(u, Set.of("rtsp", "rtsps"), unresolvedAllowed);
            case HTTP -> networkRefusal(u, Set.of("http", "https"), unresolvedAllowed);
        };
    }

    /** FFmpeg's protocol_whitelist for a kind: it opens nothing else (no file:, no concat:, no data:). */
    public static String protocols(CameraDefinition.Kind kind) {
        return switch (kind) {
            case RTSP -> "rtsp,rtsps,rtp,srtp,udp,tcp,tls";
            case HTTP -> "http,https,tcp,tls";
            case FILE -> "file";
            case USB, BROWSER -> "";
        };
    }

    private String fileRefusal(String u) {
        String notAllowed = "Video files are only allowed from the folders the operator lists.";
        if (!u.startsWith("/") || fileRoots.isEmpty()) {
            return notAllowed;
        }
        Path p = Path.of(u).normalize();
        if (!underARoot(p)) {
            return notAllowed;
        }
        if (Files.exists(p)) {
            try {
                // a symbolic link inside a root may point anywhere
                if (!underARoot(p.toRealPath())) {
                    return notAllowed;
                }
            } catch (IOException e) {
                return notAllowed;
            }
        }
        return null;
    }

    private boolean underARoot(Path p) {
        return fileRoots.stream().anyMatch(p::startsWith);
    }

    private String networkRefusal(String u, Set<String> schemes, boolean unresolvedAllowed) {
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            return "The address is not valid.";
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return "The address must start with " + String.join(":// or ", schemes.stream().sorted().toList()) + "://";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return "The address has no host.";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return unresolvedAllowed ? null : "The camera's host name does not resolve.";
        }
        for (InetAddress a : addresses) {
            if (restricted(a) && allowedNetworks.stream().noneMatch(n -> n.contains(a))) {
                return "Private, loopback and link-local addresses are only allowed in the networks the operator lists.";
            }
        }
        return null;
    }

    static boolean restricted(InetAddress a) {
        byte[] b = a.getAddress();
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 198.18.0.0/15 (benchmarking), 240.0.0.0/4 (reserved)
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        // fc00::/7 unique local; an IPv4-mapped or -compatible address is judged as the IPv4 address
        if ((b[0] & 0xfe) == 0xfc) {
            return true;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            try {
                return restricted(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }

    /** A network in CIDR notation (IPv4 or IPv6). */
    public record Network(byte[] prefix, int bits) {
        public static Network parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("not a network: " + cidr);
                }
                return new Network(address, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network (CIDR): " + cidr, e);
            }
        }

        public boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (b[full] & mask) == (prefix[full] & mask);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Network n && n.bits == bits && java.util.Arrays.equals(n.prefix, prefix);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(prefix) * 31 + bits;
        }
    }
}
