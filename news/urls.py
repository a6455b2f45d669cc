from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("", views.news_list, name="list"),
    path("<slug:slug>/", views.news_slug, name="slug"),
    path("<slug:slug>/danh-gia/", views.rate, name="rate"),
]
