package dev.portcullis.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * LOG-6: the client IP is the socket peer, unless that peer is a configured trusted proxy; then
 * the forwarding chain ({@code Forwarded}, RFC 7239, else {@code X-Forwarded-For}) is read from the
 * right and the first address that is not a trusted proxy is the client. Reading from the left
 * would let any client choose its own IP, and with it its rate-limit bucket.
 */
@Component
class ClientIpResolver {

    private final IpNetworks trusted;

    ClientIpResolver(ClientIpProperties properties) {
        this.trusted = new IpNetworks(properties.trustedProxies());
    }

    String resolve(HttpServletRequest request) {
        String peer = stripBrackets(request.getRemoteAddr());
        if (trusted.isEmpty() || !trusted.contains(peer)) {
            return peer;
        }
        List<String> chain = forwardedChain(request);
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (!IpNetworks.isIpLiteral(hop)) {
                // An obfuscated or garbage entry: nothing left of it can be believed.
                return i == chain.size() - 1 ? peer : chain.get(i + 1);
            }
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return chain.isEmpty() ? peer : chain.get(0);
    }

    /**
     * Whether a trusted proxy says the client connected over HTTPS (OPS-6: TLS ends at the proxy),
     * so that HSTS and Secure-cookie decisions see the client's scheme, not the proxy hop's.
     */
    boolean forwardedOverHttps(HttpServletRequest request) {
        String peer = stripBrackets(request.getRemoteAddr());
        if (trusted.isEmpty() || !trusted.contains(peer)) {
            return false;
        }
        List<String> forwarded = headerValues(request, "Forwarded");
        if (!forwarded.isEmpty()) {
            String last = forwarded.get(forwarded.size() - 1);
            for (String pair : last.split(";")) {
                String p = pair.strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("proto=")) {
                    return p.substring(6).replace("\"", "").equals("https");
                }
            }
            return false;
        }
        List<String> protos = headerValues(request, "X-Forwarded-Proto");
        return !protos.isEmpty() && protos.get(protos.size() - 1).equalsIgnoreCase("https");
    }

    private static List<String> forwardedChain(HttpServletRequest request) {
        List<String> forwarded = headerValues(request, "Forwarded");
        List<String> hops = new ArrayList<>();
        if (!forwarded.isEmpty()) {
            for (String element : forwarded) {
                for (String pair : element.split(";")) {
                    String p = pair.strip();
                    if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
                        hops.add(forwardedNode(p.substring(4)));
                    }
                }
            }
            return hops;
        }
        for (String entry : headerValues(request, "X-Forwarded-For")) {
            hops.add(stripBrackets(entry));
        }
        return hops;
    }

    private static List<String> headerValues(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String value : Collections.list(values)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** {@code for="[2001:db8::1]:4711"} or {@code for=192.0.2.60:8080} → the bare address. */
    private static String forwardedNode(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end > 0 ? v.substring(1, end) : v;
        }
        int colon = v.indexOf(':');
        return colon > 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
    }

    private static String stripBrackets(String address) {
        if (address != null && address.startsWith("[") && address.endsWith("]")) {
            return address.substring(1, address.length() - 1);
        }
        return address;
    }
}
