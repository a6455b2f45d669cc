from django.urls import path

from . import views

app_name = "ask"
urlpatterns = [
    path("hoi/", views.page, name="page"),
    path("hoi.json", views.answer_json, name="json"),
]
