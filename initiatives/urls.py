from django.urls import path

from . import public_views, views

app_name = "initiatives"

urlpatterns = [
    # No login: the intake and the organisation's private link (initiatives/public_views.py).
    path("initiativ/", public_views.intake, name="intake"),
    path("initiativ/f/<str:signed>/", public_views.follow, name="follow"),
    # The committee's officials.
    path("initiatives/", views.initiative_list, name="list"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="detail"),
    path("initiatives/<int:pk>/question/", views.ask, name="ask"),
    path("initiatives/<int:pk>/assess/", views.assess, name="assess"),
    path("initiatives/<int:pk>/proceed/", views.proceed, name="proceed"),
    path("initiatives/<int:pk>/decline/", views.decline, name="decline"),
    path(
        "initiatives/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
