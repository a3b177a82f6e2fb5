"""Querysets compiled once per shape give what the queryset itself gives, for any values."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import F, Value
from django.db.models.functions import Concat

from participation import compiled

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    return [Group.objects.create(name=f"Gruppe {n}") for n in range(6)]


def by_id_and_name(pk, name):
    return (
        Group.objects.filter(pk__gte=pk)
        .exclude(name=name)
        .annotate(label=Concat(F("name"), Value("!")))
        .order_by("pk")
    )


def test_same_shape_other_values_equal_the_querysets_rows(groups, django_assert_num_queries):
    shape = ("test", "by-id-and-name")
    for first, excluded in ((groups[1].pk, groups[3].name), (groups[4].pk, groups[5].name)):
        with django_assert_num_queries(1):
            rows = compiled.run(shape, by_id_and_name, [first, excluded])
        expected = list(by_id_and_name(first, excluded))
        assert [(g.pk, g.name, g.label) for g in rows] == [
            (g.pk, g.name, g.label) for g in expected
        ]
        assert rows, "the values must select some groups"
    assert compiled._compiled[shape] is not None


def test_a_value_that_is_no_parameter_falls_back_to_the_queryset(groups):
    shape = ("test", "limit")

    def first_ones(count):
        return Group.objects.filter(name__startswith="Gruppe ").order_by("pk")[:count]

    assert [g.pk for g in compiled.run(shape, first_ones, [2])] == [g.pk for g in groups[:2]]
    assert [g.pk for g in compiled.run(shape, first_ones, [4])] == [g.pk for g in groups[:4]]
    assert compiled._compiled[shape] is None


def test_a_flag_must_be_part_of_the_shape():
    with pytest.raises(TypeError):
        compiled.run(("test", "flag"), lambda flag: Group.objects.filter(pk=1), [True])


@pytest.mark.parametrize("kind", ["values_list", "values", "flat"])
def test_values_and_values_list_keep_their_row_type(groups, kind):
    def names_from(pk):
        queryset = Group.objects.filter(pk__gte=pk).order_by("pk")
        if kind == "values":
            return queryset.values("pk", "name")
        if kind == "flat":
            return queryset.values_list("name", flat=True)
        return queryset.values_list("pk", "name")

    shape = ("test", "rows", kind)
    compiled.run(shape, names_from, [groups[0].pk])
    rows = compiled.run(shape, names_from, [groups[2].pk])
    assert compiled._compiled[shape] is not None
    assert rows == list(names_from(groups[2].pk))
    assert len(rows) == 4
