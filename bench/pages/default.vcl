# A minimal Varnish configuration for bench/pages until deploy/varnish/default.vcl
# lands (bench/pages/run.py prefers that one). It follows the shared-page
# contract: only responses with "Cache-Control: public" and no Set-Cookie are
# stored; a request with a personal cookie or a token always goes to the portal;
# the language cookie is the one cookie a shared page depends on.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "BACKEND_PORT";
}

sub vcl_recv {
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.http.X-Session-Token) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|portal_participant|messages)=") {
        return (pass);
    }
    unset req.http.X-Language;
    if (req.http.Cookie ~ "(^|;\s*)django_language=") {
        set req.http.X-Language = regsub(req.http.Cookie, "^(.*;\s*)?django_language=([^;]*).*$", "\2");
        set req.http.Cookie = "django_language=" + req.http.X-Language;
    } else {
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.X-Language);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "(^|,)\s*public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
