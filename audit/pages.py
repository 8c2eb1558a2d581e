"""The access log's pages by name: what a reader calls the page, not its route (issue 14).

Entries keep the URL name (`participants:detail`), which stays stable when a title is
reworded; the log's page and its page filter show the title. A URL name without a title here
shows as itself; tests/test_page_titles.py fails for any page that writes the log and has none.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PAGE_TITLES = {
    "home": gettext_lazy("Start page"),
    "search": gettext_lazy("Search"),
    "participants:list": gettext_lazy("Participants"),
    "participants:create": gettext_lazy("Register participant"),
    "participants:detail": gettext_lazy("Participant"),
    "participants:edit": gettext_lazy("Edit participant"),
    "participants:extract": gettext_lazy("Register extract"),
    "participants:extract_json": gettext_lazy("Register extract as a file"),
    "participants:assign": gettext_lazy("Assign participant"),
    "participants:placement_edit": gettext_lazy("Change placement"),
    "participants:placement_end": gettext_lazy("End placement"),
    "participants:placement_start": gettext_lazy("Placement started"),
    "participants:note_create": gettext_lazy("New progress note"),
    "participants:placement_outcomes": gettext_lazy("Outcomes after the activity"),
    "participants:retention_due": gettext_lazy("Gallring"),
    "participants:agreement_participants": gettext_lazy("An agreement's participants"),
    "portal:home": gettext_lazy("Partner portal"),
    "portal:agreement": gettext_lazy("Partner portal: agreement"),
    "portal:followup_edit": gettext_lazy("Partner portal: follow-up"),
    "portal:followup_detail": gettext_lazy("Partner portal: follow-up"),
    "portal:placement": gettext_lazy("Partner portal: placement"),
    "portal:attendance_record": gettext_lazy("Partner portal: attendance"),
    "portal:attendance_week": gettext_lazy("Partner portal: attendance for a week"),
    "portal:note_create": gettext_lazy("Partner portal: progress note"),
    "portal:agreement_document": gettext_lazy("Partner portal: agreement document"),
    # Other apps' logs (audit/logs.py): an initiative's contact person (issue 23).
    "initiatives:detail": gettext_lazy("Initiative"),
}

ADMIN_PAGES = {
    "changelist": gettext_lazy("list"),
    "add": gettext_lazy("add"),
    "change": gettext_lazy("edit"),
    "delete": gettext_lazy("delete"),
    "simple_history": gettext_lazy("history record"),  # before "history", which it ends with
    "history": gettext_lazy("history"),
}


def admin_title(url_name: str) -> str | None:
    """ "admin:participants_placement_change" → "Administration: anvisningar – ändra"."""
    app_and_rest = url_name.removeprefix("admin:")
    if app_and_rest == url_name:
        return None
    app_label, _sep, rest = app_and_rest.partition("_")
    for page, title in ADMIN_PAGES.items():
        model_name = rest.removesuffix(f"_{page}")
        if model_name != rest:
            try:
                model = apps.get_model(app_label, model_name)
            except LookupError:
                return None
            return _("Administration: %(models)s – %(page)s") % {
                "models": model._meta.verbose_name_plural,
                "page": title,
            }
    return None


def page_title(url_name: str) -> str:
    """The page's title in the reader's language; the URL name itself when it has none."""
    if url_name in PAGE_TITLES:
        return str(PAGE_TITLES[url_name])
    return admin_title(url_name) or url_name


def admin_page_names() -> set[str]:
    """The URL names of the admin's pages that write the log: every page of ADMIN_PAGES of each
    registered model whose admin names the participants it shows (`participant_ids`, the
    logging admin of participants/admin.py)."""
    from django.contrib import admin

    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
        for model, model_admin in admin.site._registry.items()
        if hasattr(model_admin, "participant_ids")
        for page in ADMIN_PAGES
    }
