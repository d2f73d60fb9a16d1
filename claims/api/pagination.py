"""Keyset ("cursor") pagination on (timestamp, id): stable while claims change under the reader.

DRF's CursorPagination positions on the first ordering field only and skips ties with an
offset. After a bulk review thousands of claims share one ``updated_at``, and a claim
leaving such a tie between two page loads makes the reader see a row twice. Here the
cursor holds the whole key of the last row shown (``updated_at`` and ``id``), and the next
page is "rows strictly after that key" — no offsets, so nothing is skipped or repeated and
page 1,000 costs what page 1 does.
"""

import base64
import binascii
import json
from urllib import parse

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param


class KeysetPagination(CursorPagination):
    """Pages of ``page_size`` rows after (or, going back, before) the key in ``?cursor=``.

    ``ordering`` (or the view's ``?ordering=``, see ``filters.StableOrderingFilter``) must
    end with the id and use non-null fields.
    """

    ordering = ("-id",)
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    template = None
    cursor_query_description = "Opaque; follow the `next` and `previous` links."

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.ordering = self.get_ordering(request, queryset, view)
        self.model = queryset.model
        key, backwards = self.decode_cursor(request)
        self.cursor = key

        ordering = _flipped(self.ordering) if backwards else self.ordering
        queryset = queryset.order_by(*ordering)
        if key is not None:
            queryset = queryset.filter(self._after(key, ordering))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if backwards:
            self.page.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, key is not None
        return self.page

    def _after(self, key: list, ordering) -> Q:
        """Rows strictly after ``key`` in ``ordering``: (a, b) > (x, y) spelt out for SQL."""
        after = Q()
        equal_so_far = Q()
        for field, value in zip(ordering, key, strict=True):
            name = field.lstrip("-")
            lookup = "lt" if field.startswith("-") else "gt"
            after |= equal_so_far & Q(**{f"{name}__{lookup}": value})
            equal_so_far &= Q(**{name: value})
        return after

    # --- Cursors --------------------------------------------------------------------------

    def _key_of(self, row) -> list:
        key = []
        for field in self.ordering:
            name = field.lstrip("-")
            value = row[name] if isinstance(row, dict) else getattr(row, name)
            key.append(value.isoformat() if hasattr(value, "isoformat") else value)
        return key

    def _link(self, key, backwards: bool) -> str:
        if key is None:
            return remove_query_param(self.base_url, self.cursor_query_param)
        token = json.dumps({"k": key, "b": int(backwards)}, separators=(",", ":"))
        encoded = base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def get_next_link(self):
        if not self.has_next:
            return None
        if not self.page:  # went back past the first row: start again from the top
            return self._link(None, backwards=False)
        return self._link(self._key_of(self.page[-1]), backwards=False)

    def get_previous_link(self):
        if not self.has_previous:
            return None
        return self._link(self._key_of(self.page[0]), backwards=True)

    def decode_cursor(self, request):
        """(key, backwards) from ``?cursor=``, or (None, False) on the first page."""
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            return None, False
        try:
            padded = parse.unquote(encoded) + "=" * (-len(encoded) % 4)
            token = json.loads(base64.urlsafe_b64decode(padded.encode()))
            key = [
                self._parse(field.lstrip("-"), value)
                for field, value in zip(self.ordering, token["k"], strict=True)
            ]
            return key, bool(token["b"])
        except (
            ValueError,
            TypeError,
            KeyError,
            binascii.Error,
            AttributeError,
            DjangoValidationError,
        ):
            raise ValidationError(
                {self.cursor_query_param: ["Invalid cursor; follow the next/previous links."]}
            ) from None

    def _parse(self, name: str, value):
        field = self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)
        if isinstance(field, models.DateTimeField):
            parsed = parse_datetime(value)
            if parsed is None:
                raise ValueError(value)
            return parsed
        if isinstance(field, models.DateField):
            raise ValueError("dates alone are not unique enough to page on")
        return field.to_python(value)


def _flipped(ordering) -> tuple:
    return tuple(field[1:] if field.startswith("-") else f"-{field}" for field in ordering)


class UpdatedCursorPagination(KeysetPagination):
    """Claims, most recently changed first."""

    ordering = ("-updated_at", "-id")


class NewestFirstCursorPagination(KeysetPagination):
    """For resources without ``updated_at`` (articles, claimants, reviews)."""

    ordering = ("-id",)


class PublicationCursorPagination(KeysetPagination):
    """The ClaimReview feed: most recent publication or withdrawal first."""

    ordering = ("-public_changed_at", "-id")
