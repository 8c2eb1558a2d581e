"""URL converters: `<year:year>` matches only the register's years (partnerships.years), so
`/reports/follow-ups/8/99999/new/` or `.../follow-ups/0/` is a 404, never a server error."""

from __future__ import annotations

from django.urls import register_converter

from partnerships.years import is_plausible_year


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not is_plausible_year(year):
            raise ValueError(f"{year} is outside the register's years")  # the resolver: no match
        return year

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


register_converter(YearConverter, "year")
