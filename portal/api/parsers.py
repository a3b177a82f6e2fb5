import json

from django.utils.translation import gettext as _
from ninja.parser import Parser

from participation.refusals import InvalidInput
from web.problems import UnsupportedMediaType


class StrictJSONParser(Parser):
    """Accepts JSON bodies only, and says so when a client sends something else."""

    def parse_body(self, request):
        content_type = request.content_type or ""
        if content_type != "application/json":
            raise UnsupportedMediaType(
                _("Send the request body as application/json (got %(type)s).")
                % {"type": content_type or _("no content type")}
            )
        try:
            data = json.loads(request.body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InvalidInput(
                _("The request body is not valid JSON."), code="malformed_json"
            ) from error
        return data
