"""What the edge reads from a request before a service sees any of it."""

# Integers end where the database's do (64-bit); portal.request_guards refuses more.
MAX_INTEGER = 2**63 - 1


def content_length(request) -> int:
    """The body's declared size in bytes; 0 when absent or unreadable."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_reading(request) -> bool:
    """Whether the request only reads (rate limits let reads through while their store is away)."""
    return request.method in SAFE_METHODS
