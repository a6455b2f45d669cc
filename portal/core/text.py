"""Vietnamese text helpers."""

import unicodedata

from django.utils.text import slugify

# The letters that are letters of their own in the Vietnamese alphabet (a ă â b c d đ e ê …
# o ô ơ … u ư …), by the mark that makes them: breve, circumflex, horn. Tone marks come
# second: "Ân" after "Anh" and before "Bình"; "Đỗ" after every "D" name and before "E".
_LETTER_MARKS = {"\u0306": "1", "\u0302": "2", "\u031b": "3"}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def vn_slugify(value: str, max_length: int = 200) -> str:
    """Slug without diacritics; "đ" becomes "d" (NFKD alone would drop it)."""
    value = (value or "").replace("đ", "d").replace("Đ", "D").replace("/", "-")
    return slugify(value)[:max_length].strip("-")


def vietnamese_sort_key(text: str) -> tuple[str, str]:
    """Sort key in Vietnamese alphabetical order: letters first (with ă, â, đ, ê, ô, ơ, ư as
    letters of their own), then tones, case ignored."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", (text or "").casefold()):
        if ch in _LETTER_MARKS and letters:
            letters[-1] = letters[-1][0] + _LETTER_MARKS[ch]
        elif ch in _TONES:
            tones.append(_TONES[ch])
        elif ch == "đ":
            letters.append("d1")
        else:
            letters.append(ch + "0")
            tones.append("0")
    return "".join(letters), "".join(tones)


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
