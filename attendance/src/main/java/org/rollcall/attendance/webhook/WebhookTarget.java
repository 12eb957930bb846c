package org.rollcall.attendance.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Which addresses a webhook may have. https only (http when the operator allows it), no user info,
 * and, unless the operator allows private networks, a host whose every address is public: a
 * webhook is an outgoing request the service makes for a tenant, and must not reach the cluster's
 * own services or a cloud metadata address. Checked when a webhook is created and again before
 * every delivery (a name can come to resolve elsewhere); redirects are never followed.
 */
final class WebhookTarget {
    private final boolean allowPrivate;
    private final boolean allowHttp;

    WebhookTarget(boolean allowPrivate, boolean allowHttp) {
        this.allowPrivate = allowPrivate;
        this.allowHttp = allowHttp;
    }

    /** Why this address may not be used, or null. */
    String refusal(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return "Enter the https address that receives the events.";
        }
        URI u;
        try {
            u = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            return "That is not a web address.";
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return allowHttp ? "A webhook address starts with https:// or http://." : "A webhook address starts with https://.";
        }
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawFragment() != null) {
            return "A webhook address has a host and no user name, password or #fragment.";
        }
        if (allowPrivate) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(u.getHost());
        } catch (UnknownHostException e) {
            return "The host " + u.getHost() + " is not known here.";
        }
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || uniqueLocal(a)) {
                return "The host " + u.getHost() + " is in a private network; webhooks go to public addresses.";
            }
        }
        return null;
    }

    /** fc00::/7, IPv6's private range (Java calls only the deprecated fec0::/10 site-local). */
    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof java.net.Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }
}
