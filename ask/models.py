"""What "Hỏi số liệu" keeps of its own: the short forms people use for an indicator
(editable by editors), whether an indicator adds up over months, and how often each
normalised question was asked. Figures are never copied here: answers read them from
``stats`` through its visibility rule (``ask/answers.py``)."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Func
from django.utils.translation import gettext_lazy as _

# The SQL function made by migration 0001: lower(unaccent(text)), IMMUTABLE so that it may
# be indexed. "Thuê bao" and "THUE BAO" both become "thue bao"; "đ" becomes "d".
NORM_FUNCTION = "ask_norm"


class Norm(Func):
    function = NORM_FUNCTION
    output_field = models.TextField()


class IndicatorAlias(models.Model):
    """A way people name an indicator: its names (kept in step with the catalogue,
    ``source`` "name"/"name_en") and the short forms editors add ("TB smartphone", "DVCTT",
    "sự cố"). A broad word that fits several indicators ("thuê bao", "CNTT") gets a lower
    weight, so a more specific word in the question decides."""

    class Source(models.TextChoices):
        ALIAS = "alias", _("tên gọi khác")
        NAME = "name", _("tên chỉ tiêu")
        NAME_EN = "name_en", _("tên tiếng Anh")

    indicator = models.ForeignKey(
        "stats.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="ask_aliases"
    )
    text = models.CharField(
        _("tên gọi"),
        max_length=200,
        help_text=_("Cách viết người hỏi hay dùng, có dấu hay không dấu đều được (ví dụ: TB smartphone, DVCTT)."),
    )
    weight = models.FloatField(
        _("độ ưu tiên"),
        default=1.0,
        help_text=_(
            "1 cho tên gọi chỉ đúng một chỉ tiêu; thấp hơn (0,5) cho từ chung của nhiều chỉ tiêu "
            "(ví dụ: thuê bao, doanh thu, CNTT)."
        ),
    )
    # ask_norm(text), kept by PostgreSQL (a generated column): matched against the question.
    norm = models.GeneratedField(expression=Norm("text"), output_field=models.TextField(), db_persist=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices, default=Source.ALIAS, editable=False)

    class Meta:
        verbose_name = _("tên gọi khác của chỉ tiêu")
        verbose_name_plural = _("tên gọi khác của chỉ tiêu")
        ordering = ["indicator__sector__order", "indicator__order", "source", "text"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "text"], name="ask_alias_unique_text"),
            models.CheckConstraint(condition=models.Q(weight__gt=0, weight__lte=1), name="ask_alias_weight_range"),
        ]
        indexes = [
            GinIndex(OpClass("norm", name="gin_trgm_ops"), name="ask_alias_norm_trgm"),
        ]

    def __str__(self) -> str:
        return self.text


class IndicatorOptions(models.Model):
    """How questions may treat an indicator: ``additive`` when its monthly figures add up
    (incidents in a month, revenue in a month), so "năm 2022" or "quý I" is their sum;
    otherwise (subscribers, cumulative revenue, rates) a longer period is answered with
    the figure of its last month."""

    indicator = models.OneToOneField(
        "stats.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="ask_options"
    )
    additive = models.BooleanField(
        _("cộng dồn được theo tháng"),
        default=False,
        help_text=_("Số liệu của mỗi tháng là số phát sinh trong tháng (cộng các tháng ra số của quý, của năm)."),
    )

    class Meta:
        verbose_name = _("cách trả lời theo chỉ tiêu")
        verbose_name_plural = _("cách trả lời theo chỉ tiêu")

    def __str__(self) -> str:
        return str(self.indicator)


class AskedQuestion(models.Model):
    """How often a normalised question was asked (lower case, no diacritics, numbers of
    six or more digits and e-mail addresses removed): no person, address or time of a
    single question is kept. Written after the answer is sent (``ask/counting.py``)."""

    question = models.CharField(_("câu hỏi (đã chuẩn hóa)"), max_length=200)
    language = models.CharField(_("ngôn ngữ"), max_length=5, default="vi")
    count = models.PositiveIntegerField(_("số lần hỏi"), default=0)
    answered = models.BooleanField(_("có câu trả lời"), default=False)
    indicator_code = models.CharField(_("chỉ tiêu hiểu được"), max_length=60, blank=True)
    period = models.CharField(_("kỳ hiểu được"), max_length=40, blank=True)
    first_asked = models.DateField(_("hỏi lần đầu"))
    last_asked = models.DateField(_("hỏi lần cuối"))

    class Meta:
        verbose_name = _("câu hỏi đã nhận")
        verbose_name_plural = _("câu hỏi đã nhận")
        ordering = ["-count", "question"]
        constraints = [models.UniqueConstraint(fields=["question", "language"], name="ask_question_unique")]
        indexes = [models.Index(fields=["answered", "-count"], name="ask_question_answered_count")]

    def __str__(self) -> str:
        return self.question
