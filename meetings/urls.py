from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("lich.ics", views.calendar_ics, name="calendar_ics"),
    path("nhiem-vu/", views.tracker, name="tracker"),
    path("nhiem-vu/xuat.<str:fmt>", views.tracker_export, name="tracker_export"),
    path("nhiem-vu/<int:pk>/", views.directive_detail, name="directive"),
    path("tien-do/<int:pk>/tep/", views.progress_file, name="progress_file"),
    path("tai-lieu/<int:pk>/", views.attachment, name="attachment"),
    path("<slug:slug>/thong-bao.<str:fmt>", views.notice, name="notice"),
    path("<slug:slug>/", views.detail, name="detail"),
]
