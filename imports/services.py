"""Importing partners and agreements from a spreadsheet (XLSX or CSV, read by tablib).

upload → `plan()`: every row checked by the same forms as the pages (PartnerForm; AgreementForm
with its parties' formset and criteria, saved by partnerships.services.save_agreement) and
stored as an ImportBatch: what it would create, update or refuse, with the reason →
`confirm()`: the rows checked again and saved in one transaction, all or nothing.

Partners are matched by organisation number, else by name: a match is updated. Agreements are
created (with their parties and amounts); one that exists (same name, committee and start) or
appears twice in the file is refused, as is one naming a partner or committee the register
does not know.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.se import orgnr

from accounts.access import Access
from partnerships.forms import AgreementForm, CriteriaForm, PartnerForm, PartyFormSet
from partnerships.guidelines import guideline_for_new
from partnerships.models import Agreement, AgreementParty, Committee, Partner, PartnerContact
from partnerships.partner_forms import ContactForm
from partnerships.services import save_agreement

from .files import ImportRefused, read_table
from .models import ImportBatch

# Column headings of the template (Swedish: the officials' spreadsheets), and the form field each fills.
PARTNER_COLUMNS = {
    "Namn": "name",
    "Organisationsnummer": "organisation_number",
    "Typ": "kind",
    "Adress": "street_address",
    "Postnummer": "postal_code",
    "Ort": "city",
    "Bankgiro": "bankgiro",
    "Plusgiro": "plusgiro",
    "IBAN": "iban",
    # One contact per row (issue 26); a row of a partner already in the register adds its contact
    # (or updates that person in that role), so further contacts come in a later file.
    "Kontaktperson": "contact_person",
    "Kontaktroll": "contact_role",
    "E-post": "email",
    "Telefon": "phone",
}
# The partner form's own fields among the columns; the rest describe the row's contact.
CONTACT_FIELDS = ("contact_person", "contact_role", "email", "phone")
AGREEMENT_COLUMNS = {
    "Namn": "name",
    "Nämnd": "committee",
    "Huvudpart": "lead",
    "Medparter": "co_partners",
    "Syfte": "purpose",
    "Målgrupp": "target_group",
    "Beräknat värde per år": "value_per_year",
    "Nämndens kostnad per år": "committee_cost_per_year",
    "Prisnivå (år)": "price_level_year",
    "Indexering (%)": "indexation_percent",
    "Giltig från": "valid_from",
    "Giltig till": "valid_to",
    "Beslut": "stage",
    "Diarienummer": "case_number",
}
COLUMNS = {ImportBatch.Kind.PARTNERS: PARTNER_COLUMNS, ImportBatch.Kind.AGREEMENTS: AGREEMENT_COLUMNS}
EXAMPLE_COMMITTEE = "AN"  # replaced by the importer's own committee: see `examples`
EXAMPLES = {
    ImportBatch.Kind.PARTNERS: [
        [
            "Föreningen Exempel",
            "802002-4280",
            "ideell förening",
            "Storgatan 1",
            "582 22",
            "Linköping",
            "5050-1055",
            "",
            "",
            "Anna Andersson",
            "firmatecknare",
            "",
            "",
        ]
    ],
    ImportBatch.Kind.AGREEMENTS: [
        [
            "Exempelverksamheten",
            EXAMPLE_COMMITTEE,
            "Föreningen Exempel",
            "",
            "Arbetsträning",
            "",
            900000,
            450000,
            2025,
            "2",
            date(2025, 1, 1),
            date(2026, 12, 31),
            "utkast",
            "",
        ]
    ],
}


def examples(kind: str, user) -> list[list]:
    """The template's example rows for `user`: the agreement's committee is the first of the
    user's own committees, so the example imports as it stands (issue 25: it named "AMN", which
    no committee is called, and was refused)."""
    rows = [list(row) for row in EXAMPLES[kind]]
    if kind == ImportBatch.Kind.AGREEMENTS:
        committee = Access(user).in_committees(Committee.objects.order_by("name"), "pk").first()
        if committee is not None:
            column = list(AGREEMENT_COLUMNS.values()).index("committee")
            for row in rows:
                row[column] = committee.abbreviation
    return rows


def read(content: bytes, file_name: str, kind: str) -> list[dict[str, str]]:
    """The file's rows as {field: text}, by the template's headings (case and spaces ignored);
    the file's size, rows and characters checked first (imports/files.py)."""
    headers, table = read_table(content, file_name)
    columns = {heading.casefold().strip(): field for heading, field in COLUMNS[kind].items()}
    if "namn" not in headers:
        raise ImportRefused(_("The first row must hold the template's column headings (Namn, …)."))
    rows = []
    for values in table:
        row = {columns[h]: _text(v) for h, v in zip(headers, values, strict=False) if h in columns}
        if any(row.values()):
            rows.append(row)
    return rows


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (float, Decimal)):
        return str(value)
    return str(value).strip()


def _errors(*forms) -> str:
    """The forms' errors as one sentence a user can act on: "Field: message"."""
    parts = []
    for form in forms:
        if form is None:
            continue
        errors = form.errors if not hasattr(form, "non_form_errors") else None
        if errors is None:  # a formset
            parts += [str(e) for e in form.non_form_errors()]
            for sub in form.forms:
                parts += [
                    f"{sub.fields[f].label if f in sub.fields else ''}: {' '.join(m)}".lstrip(": ")
                    for f, m in sub.errors.items()
                ]
            continue
        for field, messages in errors.items():
            label = form.fields[field].label if field in form.fields else ""
            parts.append(f"{label}: {' '.join(messages)}" if label else " ".join(messages))
    return " ".join(parts)


def _choice(value: str, choices) -> str:
    """A choice by its key or its (Swedish) label, any case."""
    wanted = value.casefold().strip()
    for key, label in choices:
        if wanted in (str(key).casefold(), str(label).casefold()):
            return key
    return value


def _find_partner(text: str) -> Partner | None:
    text = text.strip()
    if not text:
        return None
    query = Q(name__iexact=text)
    if orgnr.is_valid(text):
        query |= Q(organisation_number=orgnr.format(text))
    return Partner.objects.filter(query).first()


# --- partners ---


class PartnerRow:
    """A partner row's two forms: the organisation (PartnerForm) and, when the row names one, a
    contact (ContactForm) that is added, or updated when the partner has that person in that
    role already."""

    def __init__(self, form: PartnerForm, contact: ContactForm | None):
        self.form, self.contact = form, contact

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.contact is None or self.contact.is_valid()])

    @property
    def errors(self) -> str:
        return _errors(self.form, self.contact)

    def save(self) -> Partner:
        partner = self.form.save()
        if self.contact is not None:
            data = self.contact.cleaned_data
            PartnerContact.objects.update_or_create(
                partner=partner,
                role=data["role"],
                name=data["name"],
                defaults={"email": data["email"], "phone": data["phone"]},
            )
        return partner


def _contact_form(values: dict, existing: Partner | None) -> ContactForm | None:
    name = values.get("contact_person", "").strip()
    if not name:
        return None
    role = values.get("contact_role", "")
    data = {
        "name": name,
        "role": _choice(role, PartnerContact.Role.choices) if role.strip() else PartnerContact.Role.OTHER,
        "email": values.get("email", ""),
        "phone": values.get("phone", ""),
    }
    return ContactForm(data)


def _partner_forms(values: dict) -> tuple[PartnerRow, Partner | None]:
    data = {field: values.get(field, "") for field in PARTNER_COLUMNS.values() if field not in CONTACT_FIELDS}
    data["kind"] = _choice(data["kind"], Partner.Kind.choices) if data["kind"] else Partner.Kind.ASSOCIATION
    number = data["organisation_number"]
    existing = None
    if number and orgnr.is_valid(number):
        existing = Partner.objects.filter(organisation_number=orgnr.format(number)).first()
    if existing is None and data["name"]:
        existing = Partner.objects.filter(name__iexact=data["name"]).first()
    if existing is not None:
        data["notes"] = existing.notes  # not in the template: kept as it is
        data["seen_version"] = existing.version
        # An empty cell keeps what the register holds: a file of names and numbers does not wipe
        # the contact details officials have typed in.
        for field in ("organisation_number", "street_address", "postal_code", "city"):
            if not data[field].strip():
                data[field] = getattr(existing, field)
        if not any(data[field].strip() for field in ("bankgiro", "plusgiro", "iban")):
            data.update(bankgiro=existing.bankgiro, plusgiro=existing.plusgiro, iban=existing.iban)
        if not values.get("kind", "").strip():
            data["kind"] = existing.kind
    return PartnerRow(PartnerForm(data, instance=existing), _contact_form(values, existing)), existing


def _partner_key(values: dict, forms: object = None) -> str:
    number = values.get("organisation_number", "")
    return orgnr.compact(number) if number and orgnr.is_valid(number) else values.get("name", "").casefold()


# --- agreements ---


def _agreement_forms(values: dict, by) -> tuple[str | None, tuple | None]:
    """A refusal, or the three forms `save_agreement` takes, bound to the row's values."""
    access = Access(by)
    # Only the committees the importer works for (issue 13): another committee's is unknown here.
    committee = (
        access.in_committees(Committee.objects.all(), "pk")
        .filter(
            Q(abbreviation__iexact=values.get("committee", "")) | Q(name__iexact=values.get("committee", ""))
        )
        .first()
    )
    if committee is None:
        return _("Unknown committee: “%(name)s”.") % {"name": values.get("committee", "")}, None
    lead = _find_partner(values.get("lead", ""))
    if lead is None:
        return _("Unknown partner: “%(name)s”. Import the partner first.") % {
            "name": values.get("lead", "")
        }, None
    partners = [(lead, AgreementParty.Role.LEAD)]
    for name in filter(None, (n.strip() for n in values.get("co_partners", "").split(";"))):
        partner = _find_partner(name)
        if partner is None:
            return _("Unknown partner: “%(name)s”. Import the partner first.") % {"name": name}, None
        partners.append((partner, AgreementParty.Role.CO_PARTNER))
    data = {field: values.get(field, "") for field in AGREEMENT_COLUMNS.values()}
    data["committee"] = committee.pk
    data["stage"] = (
        _choice(data["stage"], Agreement.Stage.choices) if data["stage"] else Agreement.Stage.DRAFT
    )
    data["indexation_percent"] = data["indexation_percent"].replace(",", ".") or "2"
    data["responsible"] = by.pk
    parties = {
        "parties-TOTAL_FORMS": str(len(partners)),
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "1",
        "parties-MAX_NUM_FORMS": "1000",
    }
    for index, (partner, role) in enumerate(partners):
        parties[f"parties-{index}-partner"] = str(partner.pk)
        parties[f"parties-{index}-role"] = role
    # Assessed under its committee's current guideline (issue 16). The file holds no assessments,
    # so a row marked decided is refused by the same rule as the form (check_complete).
    instance = Agreement(guideline=guideline_for_new(committee))
    return None, (
        AgreementForm(data, instance=instance, access=access),
        PartyFormSet(parties, instance=instance, prefix="parties"),
        CriteriaForm({}, agreement=instance, guideline=instance.guideline, prefix="criteria"),
    )


def _agreement_key(values: dict, forms: tuple) -> tuple:
    """What makes two rows one agreement: name, committee and start as the form read them, so
    "AMN" and the committee's full name, or two ways of writing a date, are the same."""
    data = forms[0].cleaned_data
    return (data["name"].casefold(), data["committee"].pk, data["valid_from"])


def check(kind: str, values: dict, by) -> tuple[str, str, object]:
    """(action, reason, what to save) for one row: action "create", "update" or "refuse"."""
    if kind == ImportBatch.Kind.PARTNERS:
        row, existing = _partner_forms(values)
        if not row.is_valid():
            return "refuse", row.errors, None
        return ("update" if existing else "create"), "", row
    refusal, forms = _agreement_forms(values, by)
    if refusal:
        return "refuse", refusal, None
    form, parties, criteria = forms
    if not (
        form.is_valid()
        and parties.is_valid()
        and criteria.is_valid()
        and parties.check_contributions(form)
        and criteria.check_complete(form.cleaned_data["stage"])
    ):
        return "refuse", _errors(form, parties, criteria), None
    data = form.cleaned_data
    if Agreement.objects.filter(
        name__iexact=data["name"], committee=data["committee"], valid_from=data["valid_from"]
    ).exists():
        return "refuse", _("The register already has this agreement (same name, committee and start)."), None
    return "create", "", forms


def plan(*, kind: str, content: bytes, file_name: str, by) -> ImportBatch:
    """Check every row of the file and store what importing it would do (nothing else is written)."""
    rows, seen = [], {}
    key = _partner_key if kind == ImportBatch.Kind.PARTNERS else _agreement_key
    for line, values in enumerate(read(content, file_name, kind), start=2):
        action, reason, forms = check(kind, values, by)
        if action != "refuse":
            first = seen.setdefault(key(values, forms), line)
            if first != line:
                action, reason = "refuse", _("The same as row %(line)s of the file.") % {"line": first}
        rows.append({"line": line, "action": action, "reason": reason, "values": values})
    return ImportBatch.objects.create(kind=kind, file_name=file_name[-255:], rows=rows, created_by=by)


class ImportFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def confirm(*, batch: ImportBatch, by) -> int:
    """Save the batch's accepted rows, checked again now, in one transaction: all or nothing.
    Under a lock on the batch, so a second click finds it done (ImportFailed). Returns how many
    rows were saved."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ImportFailed(_("This import has already been carried out."))
    saved = 0
    try:
        for row in batch.rows:
            if row["action"] == "refuse":
                continue
            action, reason, forms = check(batch.kind, row["values"], by)
            if action == "refuse" or action != row["action"]:
                raise ImportFailed(
                    _(
                        "Row %(line)s can no longer be imported (%(reason)s). Nothing was imported: upload the file again."
                    )
                    % {"line": row["line"], "reason": reason or _("the register has changed")}
                )
            if batch.kind == ImportBatch.Kind.PARTNERS:
                forms.save()
            else:
                save_agreement(form=forms[0], parties=forms[1], criteria=forms[2])
            saved += 1
    except IntegrityError as error:
        raise ImportFailed(_("The database refused a row, so nothing was imported.")) from error
    batch.status = ImportBatch.Status.DONE
    batch.confirmed_at = timezone.now()
    batch.save(update_fields=["status", "confirmed_at"])
    return saved
