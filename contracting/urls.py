from django.urls import path

from . import views

app_name = "contracting"

# Mounted at agreements/<int:pk>/document/ (iop_registry/urls.py).
urlpatterns = [
    path("", views.document_detail, name="document"),
    path("start/", views.document_start, name="document_start"),
    path("edit/", views.document_edit, name="document_edit"),
    path("versions/<int:number>/", views.version_detail, name="version"),
    path("versions/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("versions/<int:number>/docx/", views.version_docx, name="version_docx"),
    path("versions/<int:number>/decide/", views.version_decide, name="version_decide"),
    path("signatures/new/", views.signature_upload, name="signature_upload"),
    path("signatures/<int:number>/pdf/", views.signature_pdf, name="signature_pdf"),
    path("signatures/<int:number>/seal/", views.signature_seal, name="signature_seal"),
]
