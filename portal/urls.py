from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from news.feeds import LatestNewsFeed
from portal.accounts import views as accounts_views
from portal.core import media, security, uploads
from portal.core import sitemaps as sitemap_registry
from portal.core import views as core_views
from portal.editorial.views import favicon, my_work, pending_queue
from portal.search import views as search_views

admin.site.site_header = "Cổng thông tin điện tử — Bộ Thông tin và Truyền thông"
admin.site.site_title = "Quản trị Cổng TTĐT"
admin.site.index_title = "Biên tập nội dung"
admin.site.enable_nav_sidebar = False


urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemap_registry.SITEMAPS}, name="sitemap"),
    path("dem-truy-cap/", core_views.visit_beacon, name="visit_beacon"),
    path("csp-report/", security.csp_report, name="csp_report"),
    path("admin/cho-duyet/", admin.site.admin_view(pending_queue), name="pending_queue"),
    path("admin/viec-cua-toi/", admin.site.admin_view(my_work), name="my_work"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/tai-anh/", uploads.editor_image_upload, name="editor_image_upload"),
    # Sign-in (portal/accounts): the admin's login page with lockout and the second factor.
    path("admin/login/", accounts_views.login, name="admin_login"),
    path("admin/", include("portal.accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("tin-tuc/", include("news.urls")),
    path("giao-ban/", include("meetings.urls")),
    path("thong-ke/", include("ask.urls")),  # /thong-ke/hoi/ before the statistics pages
    path("thong-ke/", include("stats.urls")),
    path("tim-kiem/", search_views.search, name="search"),
    path("bang-dieu-hanh/", include("dashboard.urls")),  # the leadership dashboard (staff)
    path("rss/", LatestNewsFeed(), name="rss"),  # /rss/ and /en/rss/, each in its language
    prefix_default_language=False,
)

if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", media.serve, {"document_root": settings.MEDIA_ROOT})]

handler403 = "portal.core.views.permission_denied"
handler404 = "portal.core.views.page_not_found"
handler500 = "portal.core.views.server_error"
