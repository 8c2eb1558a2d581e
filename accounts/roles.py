"""The product's roles: Django groups and the model permissions each one holds.

Groups are created and kept in step by data migrations (`sync_roles`); the permission
map below is the one place that says what a role may do with each model.
"""

from __future__ import annotations

OFFICIAL = "handläggare"
COORDINATOR = "koordinator"
SECRETARY = "nämndsekreterare"
PARTNER = "partner"
ADMINISTRATOR = "systemförvaltare"

ALL_ROLES = [OFFICIAL, COORDINATOR, SECRETARY, PARTNER, ADMINISTRATOR]

VIEW = ("view",)
EDIT = ("view", "add", "change")
# Follow-ups: drafted and submitted by officials, approved (reviewed) by the committee secretary.
FOLLOW_UP_REVIEW = ("view", "add", "change", "approve")
# Memos: drafted, edited and exported (a new stored PDF version) by officials and the secretary.
# Stored versions are never changed or deleted, so no role holds those two permissions.
MEMO_WRITE = {
    "reports.memo": EDIT,
    "reports.memosection": ("view", "add", "change", "delete"),
    "reports.memoversion": ("view", "add"),
    "reports.memodefaults": VIEW,
}

# role -> {"app_label.model": actions}
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    OFFICIAL: {
        "partnerships.committee": VIEW,
        "partnerships.partner": EDIT,
        "partnerships.agreement": EDIT,
        "partnerships.agreementparty": EDIT,
        "partnerships.agreementcriterion": EDIT,
        # Contacts and early endings of agreements (issue 26).
        "partnerships.partnercontact": ("view", "add", "change", "delete"),
        "partnerships.agreementcontact": ("view", "add", "change", "delete"),
        "partnerships.termination": EDIT,
        # Officials approve the follow-ups partners submit through the portal (issue 5).
        "reports.followup": FOLLOW_UP_REVIEW,
        **MEMO_WRITE,
        # Payment plans (issue 16): officials set them up and record payments.
        "payments.paymentplan": EDIT,
        "payments.instalment": EDIT,
        "meetings.meeting": EDIT,
        "meetings.decision": EDIT,
        # Initiatives (issue 23): officials assess them and decide to proceed or decline.
        "initiatives.initiative": EDIT,
        # The agreement document (issue 23, contracting/): officials write it and record signatures.
        "contracting.agreementdocument": EDIT,
    },
    # Coordinators read the yearly follow-ups of the activities they place people in; they
    # write no memos.
    COORDINATOR: {
        "partnerships.committee": VIEW,
        "partnerships.partner": VIEW,
        "partnerships.agreement": VIEW,
        # The partner's contacts: coordinators meet its activity lead (issue 26).
        "partnerships.partnercontact": VIEW,
        "partnerships.termination": VIEW,
        # The only municipal role that sees participants' personal data (docs/domain.md, "Who uses it").
        "participants.participant": EDIT,
        "participants.placement": EDIT,
        "participants.progressnote": EDIT,
        "participants.attendance": VIEW,
        # Outcomes 6 and 12 months after a placement (issue 24).
        "participants.placementoutcome": EDIT,
        "reports.followup": VIEW,
        "meetings.meeting": VIEW,
        "meetings.decision": VIEW,
    },
    SECRETARY: {
        "partnerships.committee": VIEW,
        "partnerships.partner": VIEW,
        "partnerships.agreement": VIEW,
        "partnerships.termination": VIEW,
        "reports.followup": FOLLOW_UP_REVIEW,
        **MEMO_WRITE,
        "payments.paymentplan": VIEW,
        "payments.instalment": VIEW,
        "meetings.meeting": VIEW,
        "meetings.decision": VIEW,
        "contracting.agreementdocument": VIEW,
    },
    # The partner portal (portal/): its own agreements, and name and placement of the people
    # placed with it; object rules in portal/views.py narrow these to its own organisation.
    PARTNER: {
        "participants.progressnote": ("add",),
        "participants.attendance": ("view", "add", "change"),
    },
    ADMINISTRATOR: {
        "partnerships.committee": ("view", "add", "change", "delete"),
        "partnerships.partner": ("view", "add", "change", "delete"),
        "partnerships.agreement": ("view", "add", "change", "delete"),
        "partnerships.agreementparty": ("view", "add", "change", "delete"),
        "partnerships.agreementcriterion": ("view", "add", "change", "delete"),
        "partnerships.partnercontact": ("view", "add", "change", "delete"),
        "partnerships.agreementcontact": ("view", "add", "change", "delete"),
        "partnerships.termination": ("view", "add", "change", "delete"),
        "participants.participant": ("view", "add", "change", "delete"),
        "participants.placement": ("view", "add", "change", "delete"),
        "participants.progressnote": ("view", "add", "change", "delete"),
        "participants.attendance": ("view", "add", "change", "delete"),
        "participants.placementoutcome": ("view", "add", "change", "delete"),
        "reports.followup": FOLLOW_UP_REVIEW,
        **MEMO_WRITE,
        "reports.memodefaults": ("view", "add", "change", "delete"),
        # Append-only: the models define no add/change/delete permission, so no role can hold one.
        "audit.accesslogentry": VIEW,
        "audit.retentionrun": VIEW,
        "payments.paymentplan": ("view", "add", "change", "delete"),
        "payments.instalment": ("view", "add", "change", "delete"),
        "meetings.meeting": ("view", "add", "change", "delete"),
        "meetings.decision": ("view", "add", "change", "delete"),
        "initiatives.initiative": ("view", "add", "change", "delete"),
        "initiatives.accesslogentry": VIEW,
        "initiatives.retentionrun": VIEW,
        "contracting.agreementdocument": EDIT,
        "contracting.clausetemplate": EDIT,
    },
}


def sync_roles(apps, schema_editor=None) -> None:
    """Create every role's group and give it exactly the permissions in ROLE_PERMISSIONS."""
    from django.contrib.auth.management import create_permissions

    # create_permissions skips an app without a models module, which a migration's app
    # configs lack; give them one for the call and put back what was there (the project's own
    # registry has real modules, which must stay).
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Every permission a role names, in one query (one per permission made the test database's
    # migrations, which call this eight times, a second slower).
    named = {
        f"{action}_{label.split('.')[1]}"
        for models in ROLE_PERMISSIONS.values()
        for label, actions in models.items()
        for action in actions
    }
    existing = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(codename__in=named).select_related("content_type")
    }
    for role, models in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        codenames = []
        for model_label, actions in models.items():
            app_label, model = model_label.split(".")
            codenames += [(app_label, f"{action}_{model}") for action in actions]
        # A model whose app is not migrated yet is skipped here; that app's own
        # migration calls sync_roles again once its permissions exist.
        group.permissions.set([existing[key] for key in codenames if key in existing])
