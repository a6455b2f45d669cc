from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self) -> None:
        from portal.core import counters, home
        from portal.core import sitemaps as sitemap_registry
        from portal.editorial import registry as editorial_registry
        from portal.search import registry as search_registry

        from . import signal_handlers  # noqa: F401
        from .models import Article
        from .selectors import article_document, home_section

        editorial_registry.register(Article)
        search_registry.register(Article, to_document=article_document)
        from .sitemaps import ArticleSitemap

        home.register(home_section, order=10)
        sitemap_registry.register("tin-tuc", ArticleSitemap)
        counters.register_view_counted(Article, fields=("rating_sum", "rating_count"))
