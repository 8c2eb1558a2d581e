from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import documents, initiative_views, tokens, views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.include_format_suffixes = False
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("follow-ups", views.FollowUpViewSet, basename="followup")
router.register("initiatives", initiative_views.InitiativeViewSet, basename="initiative")
router.register("memos", views.MemoViewSet, basename="memo")
router.register("agreement-document-versions", documents.DocumentVersionViewSet, basename="documentversion")
router.register("agreement-signatures", documents.SignatureViewSet, basename="signature")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/forecast/", views.ForecastView.as_view(), name="forecast"),
    path("v1/key-figures/", views.KeyFiguresView.as_view(), name="key_figures"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", tokens.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
