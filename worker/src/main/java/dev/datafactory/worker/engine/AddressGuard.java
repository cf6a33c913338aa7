package dev.datafactory.worker.engine;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses navigation to addresses a scraper has no business reaching from a cloud project: private
 * ranges, loopback, link-local (which includes the metadata server 169.254.169.254), and names that
 * resolve to any of them; unless the spec's {@code allowHosts} names the host. Checked before every
 * navigation and again on every hop of a redirect chain.
 */
public final class AddressGuard {

    /** Resolves a host name; a seam so that tests can make a name point anywhere without DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public AddressGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    public static AddressGuard system() {
        return new AddressGuard(InetAddress::getAllByName);
    }

    /** Why this URL must not be visited, or empty when it may be. */
    public Optional<String> refusal(String url, List<String> allowHosts) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("\"" + url + "\" is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("\"" + url + "\" is not an http(s) URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("\"" + url + "\" has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowHosts.stream().anyMatch(h -> h.equalsIgnoreCase(bare) || h.equalsIgnoreCase(host))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            // Unresolvable here is unresolvable for the browser too: the navigation fails on its own.
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbiddenKind(address);
            if (kind.isPresent()) {
                String resolved = bare.equals(address.getHostAddress()) ? "" : " resolves to "
                        + address.getHostAddress() + ", which";
                return Optional.of("host " + bare + resolved + " is a " + kind.get() + " address; the worker refuses"
                        + " private, loopback, link-local and metadata addresses. Add \"" + bare
                        + "\" to the spec's allowHosts if this target is intended");
            }
        }
        return Optional.empty();
    }

    static Optional<String> forbiddenKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("wildcard");
        }
        if (address.isLinkLocalAddress()) {
            byte[] b = address.getAddress();
            boolean metadata = b.length == 4 && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254
                    && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254;
            return Optional.of(metadata ? "link-local (cloud metadata server)" : "link-local");
        }
        if (address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return Optional.of(address.isMulticastAddress() ? "multicast" : "private");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("carrier-grade NAT (private)");
            }
            if (first == 0) {
                return Optional.of("unspecified");
            }
        }
        if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return Optional.of("unique-local (private)");
        }
        return Optional.empty();
    }
}
