from django.urls import path

from . import contact_extract, forecast_views, partner_users, partner_views, public, views

app_name = "partnerships"

urlpatterns = [
    path("agreements/", views.overview, name="overview"),
    path("agreements/forecast/", forecast_views.forecast, name="forecast"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/renew/", views.agreement_renew, name="agreement_renew"),
    path("agreements/<int:pk>/amendments/", views.amendment_create, name="amendment_create"),
    path("agreements/<int:pk>/contacts/", partner_views.agreement_contacts, name="agreement_contacts"),
    path("agreements/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "agreements/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    # Öppenhet: the decided agreements for anyone, no login (partnerships/public.py).
    path("offentligt/", public.public_page, name="public"),
    path("partners/", partner_views.partner_list, name="partner_list"),
    path("partners/new/", partner_views.partner_create, name="partner_create"),
    path("partners/<int:pk>/", partner_views.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", partner_views.partner_edit, name="partner_edit"),
    path(
        "partners/<int:pk>/contacts/<int:contact_pk>/extract/",
        contact_extract.contact_extract,
        name="contact_extract",
    ),
    path("partners/<int:pk>/invite/", partner_users.partner_invite, name="partner_invite"),
    path("partners/<int:pk>/users/", partner_users.partner_member_status, name="partner_member_status"),
]
