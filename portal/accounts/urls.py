from django.urls import path

from . import oidc, views

app_name = "accounts"

urlpatterns = [
    path("xac-thuc-hai-buoc/", views.verify, name="verify"),
    path("xac-thuc-hai-buoc/thiet-lap/", views.setup, name="setup"),
    path("xac-thuc-hai-buoc/ma-du-phong/", views.recovery_codes, name="recovery_codes"),
    path("sso/", oidc.authentication_init, name="oidc_init"),
    path("sso/callback/", oidc.authentication_callback, name="oidc_callback"),
]
