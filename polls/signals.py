"""Drops a poll's cached questions whenever the poll, a question or a choice changes."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from polls.models import Choice, Poll, Question
from polls.services import structure_cache_key


def forget_structure(poll_id) -> None:
    if poll_id is None:
        return
    key = structure_cache_key(poll_id)
    cache.delete(key)
    # Again after commit, in case a request cached the old rows meanwhile.
    transaction.on_commit(lambda: cache.delete(key))


@receiver([post_save, post_delete], sender=Poll)
def poll_changed(sender, instance, **kwargs):
    forget_structure(instance.pk)


@receiver([post_save, post_delete], sender=Question)
def question_changed(sender, instance, **kwargs):
    forget_structure(instance.poll_id)


@receiver([post_save, post_delete], sender=Choice)
def choice_changed(sender, instance, **kwargs):
    question = Question.objects.filter(pk=instance.question_id).values_list("poll_id", flat=True)
    forget_structure(question.first())
