from django.urls import path

from partnerships import converters  # noqa: F401 (registers <year:...>)

from .views import dispatch, editor, followups, forecast, memos

app_name = "reports"

urlpatterns = [
    path("", memos.memo_list, name="memo_list"),
    path("memos/new/follow-up/", memos.draft_followup_memo, name="draft_followup_memo"),
    path("memos/new/decision/", memos.draft_decision_memo, name="draft_decision_memo"),
    path("memos/<int:pk>/", memos.memo_detail, name="memo_detail"),
    path("memos/<int:pk>/edit/", editor.memo_edit, name="memo_edit"),
    path("memos/<int:pk>/sections/new/", editor.memo_section_create, name="memo_section_create"),
    path("memos/<int:pk>/sections/<int:section_pk>/", editor.memo_section_edit, name="memo_section_edit"),
    path("memos/<int:pk>/sections/<int:section_pk>/fill/", memos.memo_section_fill, name="memo_section_fill"),
    path("memos/<int:pk>/export/", memos.memo_export, name="memo_export"),
    path("memos/<int:pk>/versions/<int:number>.pdf", memos.memo_version_pdf, name="memo_version_pdf"),
    path("memos/<int:pk>/memo.docx", memos.memo_docx, name="memo_docx"),
    path("memos/<int:pk>/decision/", dispatch.memo_decision, name="memo_decision"),
    path("memos/<int:pk>/recipients/", dispatch.memo_recipients, name="memo_recipients"),
    path(
        "memos/<int:pk>/recipients/<int:recipient_pk>/send/",
        dispatch.memo_recipient_send,
        name="memo_recipient_send",
    ),
    path("overview.xlsx", memos.overview_xlsx, name="overview_xlsx"),
    path("forecast.xlsx", forecast.forecast_xlsx, name="forecast_xlsx"),
    path("follow-ups/", followups.followup_list, name="followup_list"),
    path("follow-ups/<int:agreement_pk>/<year:year>/new/", followups.followup_create, name="followup_create"),
    path("follow-ups/<int:pk>/", followups.followup_detail, name="followup_detail"),
    path("follow-ups/<int:pk>/edit/", followups.followup_edit, name="followup_edit"),
    path("follow-ups/<int:pk>/submit/", followups.followup_submit, name="followup_submit"),
    path("follow-ups/<int:pk>/approve/", followups.followup_approve, name="followup_approve"),
    path("follow-ups/<int:pk>/send-back/", followups.followup_send_back, name="followup_send_back"),
]
