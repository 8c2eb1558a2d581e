"""The committee's decision on a memo and the memo's dispatch (issue 23): record the decision,
choose who it is sent to, send it or record that it was sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import EditConflict
from partnerships.decision import DecisionRefused

from .. import dispatch, permissions
from ..dispatch_forms import DecisionForm, RecipientsForm, SendForm
from ..drafting.base import RecipientDraft, default_recipients
from ..models import CommitteeDecision, Memo


def _memo(request: HttpRequest, pk: int) -> Memo:
    """The memo, if the user sees it (404 otherwise) and may record its decision (403)."""
    memo = get_object_or_404(
        Memo.objects.for_access(request.access).select_related("committee", "agreement"), pk=pk
    )
    if not permissions.can_record_decision(request.access, memo):
        raise PermissionDenied
    return memo


@login_required
@permission_required("reports.change_memo", raise_exception=True)
def memo_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record (or correct) the committee's decision on the memo; on a memo proposing an
    agreement the agreement becomes decided with it."""
    memo = _memo(request, pk)
    decision = CommitteeDecision.objects.filter(memo=memo).first() or CommitteeDecision(memo=memo)
    is_new = decision.pk is None
    form = DecisionForm(request.POST or None, instance=decision, memo=memo)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = dispatch.record_decision(form=form, memo=memo, by=request.user)
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
            status = 409
        except DecisionRefused as refusal:
            form.add_error(None, refusal.message)
            status = 400
        else:
            if saved is not None:
                messages.success(request, _("The committee's decision was recorded."))
                return redirect(memo)
        if is_new:  # rolled back: the form stays one for a new decision
            form.instance.pk, form.instance._state.adding = None, True
    return render(
        request,
        "reports/memo_decision.html",
        {"memo": memo, "form": form, "decides_agreement": dispatch.proposes_agreement(memo)},
        status=status,
    )


def _offered(memo: Memo) -> list[RecipientDraft]:
    """The memo's own recipients, then the partners and the committee's standard ones."""
    own = [RecipientDraft(r.name, r.email) for r in memo.recipients.all()]
    names = {draft.name for draft in own}
    suggested = default_recipients(memo.committee, memo.agreement)
    return own + [draft for draft in suggested if draft.name not in names]


@login_required
@permission_required("reports.change_memo", raise_exception=True)
def memo_recipients(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose who the decision is sent to ("Beslutet skickas till"), as the memo prints it."""
    memo = _memo(request, pk)
    form = RecipientsForm(
        request.POST or None,
        offered=_offered(memo),
        chosen=list(memo.recipients.values_list("name", flat=True)),
    )
    if request.method == "POST" and form.is_valid():
        dispatch.set_recipients(memo=memo, chosen=form.recipients())
        messages.success(request, _("The recipients were saved."))
        return redirect(memo)
    return render(request, "reports/memo_recipients.html", {"memo": memo, "form": form})


@login_required
@permission_required("reports.change_memo", raise_exception=True)
@require_POST
def memo_recipient_send(request: HttpRequest, pk: int, recipient_pk: int) -> HttpResponse:
    """Send the decision to one recipient by e-mail, or record it sent by post or internal mail."""
    memo = _memo(request, pk)
    recipient = get_object_or_404(memo.recipients.select_related("memo__committee"), pk=recipient_pk)
    recipient.memo = memo
    form = SendForm(request.POST)
    method = form.cleaned_data["method"] if form.is_valid() else ""
    try:
        dispatch.send(recipient=recipient, method=method, by=request.user)
    except dispatch.SendRefused as refusal:
        messages.error(request, refusal.message)
    else:
        if recipient.is_sent:
            messages.success(request, _("The decision was sent to %(name)s.") % {"name": recipient.name})
        else:
            messages.error(
                request,
                _("The e-mail to %(name)s could not be sent; nothing was lost. Try again in a while.")
                % {"name": recipient.name},
            )
    return redirect(memo)
