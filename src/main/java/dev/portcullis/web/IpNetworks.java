package dev.portcullis.web;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * A list of IP addresses / CIDR ranges. Only literal addresses are ever handed to
 * {@link IpAddressMatcher}, which would otherwise resolve a host name through DNS — a header value
 * must never make us do a lookup.
 */
final class IpNetworks {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<IpAddressMatcher> matchers;

    IpNetworks(List<String> networks) {
        networks.forEach(IpNetworks::validate);
        this.matchers = networks.stream().map(IpAddressMatcher::new).toList();
    }

    boolean contains(String address) {
        if (!isIpLiteral(address)) {
            return false;
        }
        for (IpAddressMatcher m : matchers) {
            if (m.matches(address)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return matchers.isEmpty();
    }

    static boolean isIpLiteral(String value) {
        return value != null && (IPV4.matcher(value).matches() || (value.indexOf(':') >= 0 && IPV6.matcher(value).matches()));
    }

    static void validate(String network) {
        String address = network.contains("/") ? network.substring(0, network.indexOf('/')) : network;
        if (!isIpLiteral(address)) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + network);
        }
        try {
            new IpAddressMatcher(network);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + network, e);
        }
    }
}
