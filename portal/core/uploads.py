"""Image upload for CKEditor 5: only users who may write articles; JPEG/PNG/WebP under
the size limit; decoded and re-encoded by Pillow; renditions for ``srcset``."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.editorial.permissions import may_create

from .images import store_image


@require_POST
def editor_image_upload(request):
    if not (request.user.is_authenticated and request.user.is_staff and may_create(request.user)):
        return JsonResponse({"error": {"message": _("Bạn không có quyền tải ảnh lên.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("Chưa chọn tệp ảnh.")}}, status=400)
    try:
        image = store_image(upload, user=request.user)
    except ValidationError as exc:
        return JsonResponse({"error": {"message": " ".join(exc.messages)}}, status=400)
    urls = {"default": image.rendition_url("jpeg", 1200)}
    for width, _path in image.renditions.get("jpeg", {}).items():
        urls[width] = image.rendition_url("jpeg", int(width))
    return JsonResponse({"url": urls["default"], "urls": urls})
