"""Admin strings that Django's own Vietnamese catalogue lacks ("Show counts") or words
awkwardly ("Thêm vào bài viết" for "Add article"). Listed here so that `makemessages`
keeps them in locale/vi, whose translations win over Django's."""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDDEN = (
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("History"),
)

# Django's Vietnamese catalogue has these only as two singular entries, while the change
# form asks for the plural form: the error banner stayed in English.
FORM_ERRORS = ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "count")
