"""Strings Django 6.1 shows but ships without a Swedish translation.

Marked here so makemessages collects them into our catalogue (LOCALE_PATHS wins over
Django's own), and the translations test keeps them from going stale.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL
]
