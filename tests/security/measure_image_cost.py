"""What the largest accepted image costs a worker: peak memory and time of
``portal.core.images.store_image`` (decode, re-encode, six renditions), each case in a
fresh process. Not a test (tests never assert timings); the figures go in docs/security.md.

    SECRET_KEY_FILE=.secret_key ALLOWED_HOSTS=127.0.0.1 TEST_DB_NAME=test_portal \\
      .venv/bin/python -m tests.security.measure_image_cost

Each upload is stored inside a transaction that is rolled back, in the test database, and
its files under a temporary MEDIA_ROOT.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time

CASES = [
    # (label, width, height, format, mode): flat colours compress to a small file, so the
    # pixel budget, not the byte limit, is what stops them.
    ("PNG RGBA 6000×4000 (24 MP)", 6000, 4000, "PNG", "RGBA"),
    ("PNG RGB 5000×5000 (25 MP)", 5000, 5000, "PNG", "RGB"),
    ("JPEG RGB 6000×4000 (24 MP)", 6000, 4000, "JPEG", "RGB"),
    ("PNG RGB 6000×6000 (36 MP, the issue's; refused)", 6000, 6000, "PNG", "RGB"),
]


def _one(case, out):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings_test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment
    from PIL import Image, ImageDraw

    setup_test_environment()
    settings.DATABASES["default"]["NAME"] = settings.DATABASES["default"]["TEST"]["NAME"]
    connection.settings_dict["NAME"] = settings.DATABASES["default"]["NAME"]
    settings.MEDIA_ROOT = tempfile.mkdtemp()
    label, w, h, fmt, mode = case
    img = Image.new(mode, (w, h), (40, 90, 160) if mode == "RGB" else (40, 90, 160, 200))
    draw = ImageDraw.Draw(img)
    for x in range(0, w, 250):
        draw.line([(x, 0), (w - x, h)], fill=(250, 250, 250) if mode == "RGB" else (250, 250, 250, 255), width=9)
    buf = io.BytesIO()
    img.save(buf, fmt, **({"quality": 80} if fmt == "JPEG" else {}))
    raw = buf.getvalue()
    del img, draw, buf
    from portal.core.images import store_image

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu = time.process_time()
    start = time.perf_counter()
    result = "stored"
    try:
        with transaction.atomic():
            store_image(SimpleUploadedFile("x", raw), alt="x")
            transaction.set_rollback(True)
    except ValidationError as exc:
        result = "refused: " + " ".join(exc.messages)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.put(
        {
            "case": label,
            "bytes": len(raw),
            "result": result,
            "seconds": round(elapsed, 2),
            "cpu_seconds": round(cpu, 2),
            "peak_rss_mb": round(peak / 1024),
            "added_mb": round((peak - base) / 1024),
        }
    )


def main():
    ctx = multiprocessing.get_context("spawn")
    for case in CASES:
        out = ctx.Queue()
        proc = ctx.Process(target=_one, args=(case, out))
        proc.start()
        proc.join()
        print(json.dumps(out.get(timeout=5), ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
