from django_tasks import task

from search.indexing import process_outbox


@task()
def process_search_outbox() -> int:
    """Writes pending index updates to the search backend."""
    return process_outbox()
