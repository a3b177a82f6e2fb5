"""The shared kernel: who participates, why something is refused, how often one may act.

No models, no URLs, no HTTP. Feature apps build on it; the web edge
(``web/``) translates its refusals into status codes, problem+json bodies
and form messages.
"""
