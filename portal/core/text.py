"""Vietnamese text helpers."""

from django.utils.text import slugify


def vn_slugify(value: str, max_length: int = 200) -> str:
    """Slug without diacritics; "đ" becomes "d" (NFKD alone would drop it)."""
    value = (value or "").replace("đ", "d").replace("Đ", "D").replace("/", "-")
    return slugify(value)[:max_length].strip("-")


def unique_slug(model, value: str, *, exclude_pk=None, field: str = "slug", max_length: int = 200) -> str:
    base = vn_slugify(value, max_length - 6) or "bai-viet"
    candidate, n = base, 2
    qs = model._default_manager.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(**{field: candidate}).exists():
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def person_name(user) -> str:
    """A user's name as Vietnamese write it: family name first ("Nguyễn Minh Thùy"), where
    ``get_full_name`` puts the given name first. The user name when no name is set."""
    if user is None:
        return "—"
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()
