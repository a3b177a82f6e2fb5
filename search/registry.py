from django.utils.module_loading import autodiscover_modules

from search.sources import SearchSource

_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> SearchSource:
    if source.name in _sources:
        raise ValueError(f"A search source named {source.name!r} is already registered.")
    _sources[source.name] = source
    return source


def sources() -> list[SearchSource]:
    return list(_sources.values())


def get_source(name: str) -> SearchSource:
    return _sources[name]


def autodiscover() -> None:
    """Imports every installed app's ``search_sources`` module."""
    autodiscover_modules("search_sources")
