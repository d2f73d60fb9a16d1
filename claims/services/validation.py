"""Checks more than one service makes: one validator for every http(s) URL we store."""

from django.core.validators import URLValidator

http_url_validator = URLValidator(schemes=["http", "https"])
