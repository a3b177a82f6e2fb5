"""``django_task``: a task every configured backend runs, the database worker included."""

from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME, Task
from django.tasks.base import DEFAULT_TASK_PRIORITY


def django_task(**options):
    """``@task``, but always Django's own Task class, which the database worker runs.

    ``@task`` takes the class of the backend configured when the module is
    imported; development and tests configure django-tasks' immediate backend,
    whose Task class ``django_tasks_db`` refuses ("does not point to a Task").
    """

    def wrapper(function):
        return Task(
            func=function,
            priority=DEFAULT_TASK_PRIORITY,
            queue_name=DEFAULT_TASK_QUEUE_NAME,
            backend=DEFAULT_TASK_BACKEND_ALIAS,
            **options,
        )

    return wrapper
