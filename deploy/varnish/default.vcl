# The portal's front cache (README, "Front cache (Varnish)").
#
# Shares only what the portal marks as shareable: a response with
# "Cache-Control: public" and no Set-Cookie, to a request without a personal
# cookie. Everything else passes. The portal purges pages it changed
# (frontcache app: PURGE for one path, BAN for a page and everything under it).
vcl 4.1;

import std;

# The backend's address is rendered per installation from backend.vcl.template.
include "backend.vcl";

# Who may purge: this host and the compose network (its gateway excluded:
# requests through the published port arrive from there).
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    ! "172.30.0.1";
    "172.30.0.0"/24;
}

sub vcl_recv {
    set req.backend_hint = portal;
    unset req.http.X-Portal-Lang;
    unset req.http.X-Cache-Pass;

    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "PURGE") {
            # Every cached variant (language, query string) of this path, on any host.
            ban("obj.http.X-Portal-Path == " + regsub(req.url, "\?.*$", ""));
            return (synth(200, "Purged"));
        }
        # BAN: the path and everything under it (X-Ban-Path-Prefix, a regex-escaped path).
        if (!req.http.X-Ban-Path-Prefix) {
            return (synth(400, "X-Ban-Path-Prefix missing"));
        }
        ban("obj.http.X-Portal-Path ~ ^" + req.http.X-Ban-Path-Prefix);
        return (synth(200, "Banned"));
    }

    # Serve stale pages for up to 6 hours while the backend is sick (grace);
    # while it is healthy, never (a poll's page must not say "open" after it closed).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    } else {
        set req.grace = 6h;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, accounts, headless auth, the API's writes and previews are never shared.
    if (req.url ~ "^/(cms|accounts|_allauth)/") {
        return (pass);
    }
    # A signed-in visitor, an anonymous participant or a visitor with a message
    # to show gets their own page: everything passes, cookies and all.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|portal_participant|messages)=") {
        return (pass);
    }
    if (req.http.Authorization || req.http.X-Session-Token) {
        return (pass);
    }

    # Citizen pages ignore Accept-Language (portal.middleware.PortalLocaleMiddleware):
    # one variant per language cookie, not one per browser.
    if (req.url !~ "^/api/") {
        unset req.http.Accept-Language;
    }
    # Other cookies (csrftoken, analytics ...) do not change a shared page:
    # keep only the language, which does.
    if (req.http.Cookie ~ "(^|;\s*)django_language=[A-Za-z-]+") {
        set req.http.X-Portal-Lang = regsub(req.http.Cookie, "^(?:.*;\s*)?django_language=([A-Za-z-]+).*$", "\1");
        set req.http.Cookie = "django_language=" + req.http.X-Portal-Lang;
    } else {
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    hash_data("lang:" + req.http.X-Portal-Lang);
    return (lookup);
}

sub vcl_pass {
    set req.http.X-Cache-Pass = "1";
}

sub vcl_backend_response {
    # For bans: which path this object answers (bans are tested against objects).
    set beresp.http.X-Portal-Path = regsub(bereq.url, "\?.*$", "");
    set beresp.grace = 6h;

    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only what the portal marks as shareable is stored; with Set-Cookie or a
    # private, no-store or no-cache response, never (hit-for-miss: the next
    # request asks the backend again and may store a shareable answer).
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)(^|[,\s])public($|[,\s])"
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Vary == "*"
        || beresp.status >= 500) {
        set beresp.ttl = 120s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The TTL is Varnish's reading of s-maxage, then max-age.
    if (beresp.ttl <= 0s) {
        set beresp.uncacheable = true;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Portal-Path;
    if (req.http.X-Cache-Pass) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
