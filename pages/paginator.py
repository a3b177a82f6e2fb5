"""A paginator that reads the total with the page's rows instead of in a query of its own."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window


class CountingPaginator(Paginator):
    """Django's Paginator, the total counted by a window function in the page's own query.

    Only a page past the end (no rows, so no total) costs the usual count query.
    """

    def page(self, number):
        number = self.requested_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(
            self.object_list.annotate(total_rows=Window(Count("pk")))[
                bottom : bottom + self.per_page
            ]
        )
        if rows:
            self.__dict__["count"] = rows[0].total_rows
        number = self.validate_number(number)
        return self._get_page(rows, number, self)

    @staticmethod
    def requested_number(number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer") from error
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def get_page(self, number):
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)
