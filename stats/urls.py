from django.urls import path, register_converter

from . import feeds, views


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class MonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(YearConverter, "yyyy")
register_converter(MonthConverter, "mm")

app_name = "stats"
urlpatterns = [
    path("", views.index, name="index"),
    path("lich.ics", views.calendar_ics, name="calendar"),
    path("feed.atom", feeds.ReleaseFeed(), name="feed"),
    path("du-lieu-mo/", views.open_data, name="open_data"),
    path("du-lieu-mo/schema.json", views.schema_json, name="schema_json"),
    path("tat-ca-chi-tieu.csv", views.bulk_csv, name="bulk_csv"),
    path("<yyyy:year>-<mm:month>/", views.release_page, name="release"),
    path("<yyyy:year>-<mm:month>.csv", views.release_download, {"fmt": "csv"}, name="release_csv"),
    path("<yyyy:year>-<mm:month>.xlsx", views.release_download, {"fmt": "xlsx"}, name="release_xlsx"),
    path("<yyyy:year>-<mm:month>.json", views.release_download, {"fmt": "json"}, name="release_json"),
    path("<yyyy:year>-<mm:month>.pdf", views.release_download, {"fmt": "pdf"}, name="release_pdf"),
    path("chi-so/<slug:code>/", views.indicator_page, name="indicator"),
    path("chi-so/<slug:code>.csv", views.indicator_csv, name="indicator_csv"),
]
