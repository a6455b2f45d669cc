"""Forms of the public and staff pages (the admin's are in admin.py)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import DirectiveStatus
from .files import document_kind
from .selectors import TrackerFilters, units_as_tree

DATE_INPUTS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


def _date_widget():
    """Dates typed the Vietnamese way (dd/mm/yyyy), whatever the browser's language."""
    return forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 11})


DATE_WIDGET = _date_widget


class TrackerFilterForm(forms.Form):
    don_vi = forms.TypedChoiceField(label=_("Đơn vị chủ trì"), required=False, coerce=int, empty_value=None)
    can_bo = forms.TypedChoiceField(label=_("Người chủ trì"), required=False, coerce=int, empty_value=None)
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả"))] + list(DirectiveStatus.choices)
    )
    # Any meeting number is read (``set_meetings`` fills the list shown, after the other
    # filters); one without directives in effect selects nothing.
    cuoc_hop = forms.IntegerField(label=_("Cuộc họp"), required=False, min_value=1, widget=forms.Select)
    han_tu = forms.DateField(
        label=_("Hạn từ ngày"),
        required=False,
        input_formats=DATE_INPUTS,
        widget=DATE_WIDGET(),
    )
    han_den = forms.DateField(label=_("Hạn đến ngày"), required=False, input_formats=DATE_INPUTS, widget=DATE_WIDGET())
    cua_toi = forms.BooleanField(label=_("Nhiệm vụ của tôi"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("Tất cả"))]
        self.fields["don_vi"].choices = everyone + [
            (u.pk, "\u2003" * depth + u.name) for u, depth in units_as_tree(choices["units"])
        ]
        self.fields["can_bo"].choices = everyone + [(p.pk, str(p)) for p in choices["people"]]

    def set_meetings(self, meetings) -> None:
        """The meeting list (thousands at scale: the template writes the options itself,
        the widget's per-option templates took seconds)."""
        self.meeting_options = [(m.pk, f"{timezone.localtime(m.start_at):%d/%m/%Y} — {m.title}") for m in meetings]
        value = self.data.get("cuoc_hop", "") if self.is_bound else ""
        self.selected_meeting = int(value) if str(value).isdigit() and len(str(value)) < 10 else None

    def clean(self):
        cleaned = super().clean()
        a, b = cleaned.get("han_tu"), cleaned.get("han_den")
        if a and b and a > b:
            self.add_error("han_den", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def filters(self) -> TrackerFilters:
        if not self.is_valid():
            return TrackerFilters()
        c = self.cleaned_data
        return TrackerFilters(
            unit=c.get("don_vi"),
            person=c.get("can_bo"),
            status=c.get("trang_thai") or "",
            meeting=c.get("cuoc_hop"),
            deadline_from=c.get("han_tu"),
            deadline_to=c.get("han_den"),
            mine=bool(c.get("cua_toi")),
        )


class ProgressForm(forms.Form):
    on = forms.DateField(label=_("Ngày cập nhật"), input_formats=DATE_INPUTS, widget=DATE_WIDGET())
    text = forms.CharField(label=_("Nội dung tiến độ"), widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(label=_("Tệp kèm theo (PDF, DOCX, XLSX, ODT hoặc ảnh, tối đa 20 MB)"), required=False)
    mark_done = forms.BooleanField(label=_("Báo cáo nhiệm vụ đã hoàn thành (Văn phòng sẽ xác nhận)"), required=False)
    completed_on = forms.DateField(
        label=_("Ngày hoàn thành"),
        required=False,
        input_formats=DATE_INPUTS,
        widget=DATE_WIDGET(),
    )
    evidence = forms.CharField(
        label=_("Kết quả, minh chứng (ví dụ: số văn bản)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            document_kind(upload)
        return upload


class ExtensionRequestForm(forms.Form):
    new_deadline = forms.DateField(label=_("Đề nghị gia hạn đến ngày"), input_formats=DATE_INPUTS, widget=DATE_WIDGET())
    reason = forms.CharField(label=_("Lý do đề nghị gia hạn"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    """Văn phòng's answer to a completion report or an extension request."""

    note = forms.CharField(
        label=_("Ý kiến (bắt buộc khi trả lại hoặc không đồng ý)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
