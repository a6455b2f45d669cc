"""Form pieces every app's admin shares."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .text import vn_slugify


class SlugFromTextField(forms.CharField):
    """An address typed as text ("Đời sống số") becomes a slug ("doi-song-so": no
    diacritics, "đ" becomes "d") instead of being refused; text with no letter or digit
    left ("!!!") counts as empty."""

    default_error_messages = {"required": _("Hãy nhập đường dẫn bằng chữ hoặc số.")}

    def to_python(self, value):
        return vn_slugify(super().to_python(value), self.max_length or 200)


class SlugFromTextMixin:
    """For a model form: the model's ``slug`` is typed as text (``SlugFromTextField``).
    ``slug_required`` None follows the model field (required unless ``blank``); a form that
    makes the slug itself when it is left empty sets it False."""

    slug_required: bool | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            model_field = self._meta.model._meta.get_field("slug")
            required = not model_field.blank if self.slug_required is None else self.slug_required
            self.fields["slug"] = SlugFromTextField(
                label=capfirst(model_field.verbose_name),
                help_text=model_field.help_text,
                max_length=model_field.max_length,
                required=required,
            )
