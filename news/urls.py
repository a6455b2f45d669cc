from django.urls import path

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.news_list, name="list"),
    path("the/<slug:slug>/", views.tag_page, name="tag"),
    path("the/<slug:slug>/rss/", feeds.TagFeed(), name="tag_feed"),
    path("tac-gia/<slug:slug>/", views.author_page, name="author"),
    path("tac-gia/<slug:slug>/rss/", feeds.AuthorFeed(), name="author_feed"),
    path("<slug:slug>/rss/", feeds.CategoryFeed(), name="category_feed"),
    path("<slug:slug>/", views.news_slug, name="slug"),
    path("<slug:slug>/danh-gia/", views.rate, name="rate"),
]
