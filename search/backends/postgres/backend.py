from search.backends.base import SearchBackend

from .reading import ReadingMixin
from .writing import WritingMixin


class PostgresSearchBackend(WritingMixin, ReadingMixin, SearchBackend):
    name = "postgres"
