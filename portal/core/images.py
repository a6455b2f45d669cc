"""Checking, re-encoding and rendering uploaded images (Pillow)."""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (480, 800, 1200)


def max_pixels() -> int:
    """The pixel budget (``settings.PORTAL_MAX_IMAGE_PIXELS``): checked from the file's
    header before any pixel is decoded; what it costs a worker is in docs/security.md."""
    return settings.PORTAL_MAX_IMAGE_PIXELS


def read_image(upload) -> PILImage.Image:
    """Decode an upload fully; refuse anything that is not a real JPEG/PNG/WebP image
    under the size limit, with a Vietnamese message."""
    limit = settings.PORTAL_MAX_IMAGE_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Ảnh quá lớn (%(size).1f MB). Giới hạn là %(limit).0f MB.")
            % {"size": upload.size / 1048576, "limit": limit / 1048576}
        )
    upload.seek(0)
    raw = upload.read()
    try:
        with PILImage.open(io.BytesIO(raw)) as probe:
            fmt = probe.format
            if fmt not in ALLOWED_FORMATS:
                raise ValidationError(_("Chỉ nhận ảnh JPEG, PNG hoặc WebP."))
            # The header's dimensions, before anything is decoded.
            if probe.width * probe.height > max_pixels():
                raise ValidationError(
                    _("Ảnh quá lớn (%(w)d × %(h)d điểm ảnh). Giới hạn là %(limit)d triệu điểm ảnh.")
                    % {"w": probe.width, "h": probe.height, "limit": max_pixels() // 1_000_000}
                )
            probe.verify()
        img = PILImage.open(io.BytesIO(raw))
        img.load()
    except ValidationError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a broken or fake file.
        raise ValidationError(
            _("Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng. Chỉ nhận ảnh JPEG, PNG hoặc WebP.")
        ) from exc
    icc_profile = img.info.get("icc_profile")
    img = ImageOps.exif_transpose(img)
    # Every metadata segment goes (EXIF and GPS, XMP, JPEG comments, PNG text chunks…):
    # Pillow would write some of them back from ``info``. Only the colour profile stays,
    # passed explicitly to every encoding (_encode).
    img.info = {}
    img.format_hint = fmt  # type: ignore[attr-defined]
    img.icc_profile_kept = icc_profile  # type: ignore[attr-defined]
    return img


def _encode(img: PILImage.Image, fmt: str, icc_profile: bytes | None = None) -> bytes:
    """``img`` in ``fmt`` with no metadata but ``icc_profile`` (the upload's colour profile)."""
    buf = io.BytesIO()
    img.info = {}
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    if fmt == "JPEG":
        if img.mode not in ("RGB", "L"):
            background = PILImage.new("RGB", img.size, (255, 255, 255))
            rgba = img.convert("RGBA")
            background.paste(rgba, mask=rgba.split()[-1])
            img = background
        img.save(buf, "JPEG", quality=85, optimize=True, progressive=True, **extra)
    elif fmt == "WEBP":
        img.save(buf, "WEBP", quality=80, method=4, **extra)
    else:
        # zlib's default level: optimize=True tries every level and costs seconds per upload.
        img.save(buf, "PNG", **extra)
    return buf.getvalue()


def store_image(upload, *, user=None, alt: str = ""):
    """Validate, re-encode (no metadata but the colour profile) under a generated name and
    make renditions."""
    from .models import Image

    img = read_image(upload)
    fmt = img.format_hint  # type: ignore[attr-defined]
    # An RGB profile fits every rendition (all RGB); a CMYK or grey one would not.
    icc = img.icc_profile_kept if img.mode in ("RGB", "RGBA", "P", "PA") else None  # type: ignore[attr-defined]
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGBA" if "A" in img.getbands() else "RGB")
    folder = timezone.now().strftime("images/%Y/%m")
    stem = uuid.uuid4().hex
    name = default_storage.save(f"{folder}/{stem}.{ALLOWED_FORMATS[fmt]}", ContentFile(_encode(img, fmt, icc)))
    renditions: dict[str, dict[str, str]] = {"webp": {}, "jpeg": {}}
    widths = [w for w in RENDITION_WIDTHS if w < img.width] + [min(img.width, 1600)]
    # Largest first; each smaller one from the one before (a fraction of the pixels), and
    # reducing_gap shrinks a large upload by whole factors before the fine filter.
    source = img
    for width in sorted(set(widths), reverse=True):
        height = max(1, round(img.height * width / img.width))
        resized = source.resize((width, height), PILImage.LANCZOS, reducing_gap=3.0) if width != img.width else img
        source = resized
        for key, pil_fmt, ext in (("webp", "WEBP", "webp"), ("jpeg", "JPEG", "jpg")):
            path = default_storage.save(f"{folder}/r/{stem}-{width}.{ext}", ContentFile(_encode(resized, pil_fmt, icc)))
            renditions[key][str(width)] = path
    image = Image(alt=alt, renditions=renditions, uploaded_by=user if getattr(user, "pk", None) else None)
    image.file.name = name
    image.width, image.height = img.width, img.height
    image.save()
    return image


def delete_image_files(image) -> None:
    """Remove the files ``store_image`` wrote for ``image`` (the file and every rendition),
    when what it was stored for is not saved after all."""
    names = [image.file.name, *(path for sizes in (image.renditions or {}).values() for path in sizes.values())]
    for name in names:
        if name:
            default_storage.delete(name)
