"""Form pieces every app uses."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO date it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class YearForm(forms.Form):
    """`?year=2024` on pages that show one calendar year; blank means the page's default."""

    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
