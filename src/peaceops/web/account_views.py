"""Sign-in (password, then TOTP for roles that can see internal records), and the pages where
members record meetings and exchanges, propose and review changes, and read the audit trail.
Forms post with CSRF protection; every write goes through the façade's audited services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from peaceops.errors import PeaceOpsError
from peaceops.importers.limits import MIB
from peaceops.model import vocabulary as V
from peaceops.model.imports import UPLOAD_KINDS
from peaceops.web import uploads
from peaceops.web.auth import registry_for, viewer_of
from peaceops.web.uploads import UPLOAD_LIMIT


def _choices(values, blank: bool = True):
    return ([("", "—")] if blank else []) + [(v, v.replace("_", " ")) for v in values]


@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        from peaceops.registry.accounts import has_second_factor, viewer_for
        from peaceops.registry.services import record_session

        record_session("default", viewer_for(user, verified=False), "sign_in", _request_id(request))
        return redirect("verify" if has_second_factor(user) else "home")
    return render(
        request,
        "peaceops/form.html",
        {
            "title": "Sign in",
            "form": form,
            "submit": "Sign in",
            "intro": "Contributors, curators and admins confirm with a one-time code next.",
        },
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label="One-time code",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@require_http_methods(["GET", "POST"])
def verify(request):
    if not request.user.is_authenticated:
        return redirect("login")
    from django_otp import devices_for_user
    from django_otp import login as otp_login

    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                from peaceops.registry.services import record_session

                record_session("default", viewer_of(request), "verify", _request_id(request))
                return redirect("home")
        form.add_error("token", "This code is not valid (codes change every 30 seconds).")
    return render(
        request,
        "peaceops/form.html",
        {"title": "Two-factor check", "form": form, "submit": "Verify"},
    )


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        from peaceops.registry.services import record_session

        record_session("default", viewer_of(request), "sign_out", _request_id(request))
    logout(request)
    return redirect("home")


def _request_id(request) -> str:
    import uuid

    return request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex


def _ids(text: str) -> list[str]:
    return [o.strip() for o in (text or "").split(",") if o.strip()]


class SensitivityFields(forms.Form):
    sensitivity = forms.ChoiceField(
        choices=_choices(V.SENSITIVITIES, blank=False), initial="internal"
    )
    shared_with = forms.CharField(
        required=False, help_text="for 'partners': organization ids, comma separated"
    )


class SharingFields(SensitivityFields):
    source_id = forms.CharField(required=False, label="Source id")
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="the basis when there is no public source",
    )

    def payload(self) -> dict:
        data = dict(self.cleaned_data)
        data["shared_with"] = _ids(data.get("shared_with"))
        return data


class ExchangeForm(SharingFields):
    theater = forms.CharField(help_text="country code or name")
    giver = forms.CharField(help_text="organization id")
    giver_mission = forms.CharField(required=False)
    receiver = forms.CharField(help_text="organization id")
    receiver_mission = forms.CharField(required=False)
    capability = forms.ChoiceField(choices=_choices(V.CAPABILITIES, blank=False))
    regularity = forms.ChoiceField(choices=_choices(V.REGULARITIES), required=False)
    formality = forms.ChoiceField(choices=_choices(V.FORMALITIES), required=False)
    level = forms.ChoiceField(choices=_choices(V.LEVELS), required=False)
    start_date = forms.CharField(required=False, help_text="YYYY-MM-DD")
    end_date = forms.CharField(required=False, help_text="YYYY-MM-DD")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    field_order = [
        "theater",
        "giver",
        "giver_mission",
        "receiver",
        "receiver_mission",
        "capability",
        "regularity",
        "formality",
        "level",
        "start_date",
        "end_date",
        "description",
        "sensitivity",
        "shared_with",
        "source_id",
        "evidence",
    ]


class MeetingForm(SharingFields):
    name = forms.CharField()
    theater = forms.CharField(help_text="country code or name")
    kind = forms.ChoiceField(choices=_choices(V.MEETING_KINDS, blank=False))
    participants = forms.CharField(help_text="organization ids, comma separated")
    regularity = forms.ChoiceField(choices=_choices(V.REGULARITIES), required=False)
    level = forms.ChoiceField(choices=_choices(V.LEVELS), required=False)
    start_date = forms.CharField(required=False, help_text="YYYY-MM-DD")
    end_date = forms.CharField(required=False, help_text="YYYY-MM-DD")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    field_order = [
        "name",
        "theater",
        "kind",
        "participants",
        "regularity",
        "level",
        "start_date",
        "end_date",
        "description",
        "sensitivity",
        "shared_with",
        "source_id",
        "evidence",
    ]

    def payload(self) -> dict:
        data = super().payload()
        data["participants"] = _ids(data["participants"])
        return data


def _entry(request, form_class, method: str, title: str, done: str):
    viewer = viewer_of(request)
    if not viewer.can_contribute:
        return _denied(request)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = getattr(registry_for(request), method)(
                form.payload(), request.META.get("REQUEST_ID", "")
            )
            return render(request, "peaceops/done.html", {"title": done, "record": record})
        except PeaceOpsError as exc:
            form.add_error(None, str(exc))
            for detail in exc.details:
                if isinstance(detail, dict) and detail.get("field") in form.fields:
                    form.add_error(detail["field"], detail["message"])
    return render(request, "peaceops/form.html", {"title": title, "form": form, "submit": "Record"})


@require_http_methods(["GET", "POST"])
def new_exchange(request):
    return _entry(
        request,
        ExchangeForm,
        "record_exchange",
        "Record a capability exchange",
        "Exchange recorded",
    )


@require_http_methods(["GET", "POST"])
def new_meeting(request):
    return _entry(
        request,
        MeetingForm,
        "record_meeting",
        "Record a coordination mechanism",
        "Meeting recorded",
    )


class UploadForm(SensitivityFields):
    file = forms.FileField(
        help_text="a peaceops CSV or XLSX template, an HXL 3W/4W file (CSV or XLSX) or IATI "
        f"activity XML; at most {UPLOAD_LIMIT // MIB} MiB"
    )
    kind = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "detect from the file")] + [(k, k) for k in UPLOAD_KINDS],
    )
    record_as = forms.ChoiceField(
        label="Record as",
        choices=[
            ("contributed", "records of my organization, with the sensitivity below"),
            ("curated", "curated reference data (public)"),
        ],
    )
    field_order = ["file", "kind", "record_as", "sensitivity", "shared_with"]

    def __init__(self, viewer, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not viewer.can_curate:
            del self.fields["record_as"]  # contributors upload their organization's records

    def options(self) -> dict:
        data = self.cleaned_data
        return {
            "as_": data.get("kind") or None,
            "curated": data.get("record_as") == "curated",
            "sensitivity": data["sensitivity"],
            "shared_with": _ids(data.get("shared_with")),
        }


@require_http_methods(["GET", "POST"])
def upload(request):
    """Upload a file: "Preview" shows the report of a dry run and keeps the file for an hour;
    "Import" (straight away, or of the previewed file) writes it and shows what was written."""
    viewer = viewer_of(request)
    if not viewer.can_contribute:
        return _denied(request)
    if message := uploads.refused(request):
        return render(
            request,
            "peaceops/error.html",
            {"title": "File too large", "message": message},
            status=413,
        )
    action = request.POST.get("action", "preview")
    if request.method == "POST" and action == "import_kept":
        form = UploadForm(viewer)
        pending = request.session.pop("pending_upload", None) or {}
        path = uploads.kept(pending.get("token", ""))
        if path is None:
            message = "The previewed file is no longer kept; upload it again."
            return _upload_page(request, form, status=400, message=message)
        try:
            report, status = _run(request, path, pending["options"], False)
            return _upload_page(request, form, report, status, options=pending["options"])
        finally:
            uploads.discard(pending["token"])
    form = UploadForm(viewer, request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _upload_page(request, form, status=400 if request.method == "POST" else 200)
    token, path = uploads.keep(form.cleaned_data["file"])
    dry_run = action != "import"
    report, status = _run(request, path, form.options(), dry_run, form)
    if dry_run and report is not None and report.ok and report.changes:
        earlier = request.session.get("pending_upload") or {}
        uploads.discard(earlier.get("token", ""))  # one kept file per session
        request.session["pending_upload"] = {"token": token, "options": form.options()}
        return _upload_page(request, form, report, status, kept=path.name, options=form.options())
    uploads.discard(token)
    return _upload_page(request, form, report, status, options=form.options())


def _run(request, path, options: dict, dry_run: bool, form=None):
    """The import report and the page's status (422 when the file has errors)."""
    from peaceops.imports import ImportFailed

    try:
        report = registry_for(request).upload(
            path, path.name, dry_run=dry_run, request_id=_request_id(request), **options
        )
    except ImportFailed as exc:
        return exc.report, 422
    except PeaceOpsError as exc:  # refused file, or options this account may not use
        if form is not None:
            form.add_error("file", str(exc))
        return None, 400
    return report, 200


def _recorded_as(options: dict, viewer) -> str:
    if options["curated"]:
        return "curated reference data (public)"
    shared = options["shared_with"]
    with_whom = f", shared with {', '.join(shared)}" if shared else ""
    return f"{options['sensitivity']} records of {viewer.organization}{with_whom}"


def _upload_page(request, form, report=None, status=200, kept=None, message=None, options=None):
    context = {"form": form, "report": report, "kept": kept, "message": message}
    if options is not None:
        context["recorded_as"] = _recorded_as(options, viewer_of(request))
    return render(
        request, "peaceops/upload.html", {"title": "Import a file", **context}, status=status
    )


class ProposalForm(forms.Form):
    resource = forms.ChoiceField(
        choices=[(r, r) for r in ("missions", "acts", "sources", "organizations")]
    )
    record_id = forms.CharField()
    field = forms.CharField(help_text="the field to change, e.g. end_date")
    value = forms.CharField(required=False)
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="why, and the source that says so"
    )


@require_http_methods(["GET", "POST"])
def proposals(request):
    viewer = viewer_of(request)
    if not viewer.can_contribute:
        return _denied(request)
    reg = registry_for(request)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reg.propose(
                {
                    "resource": data["resource"],
                    "record_id": data["record_id"],
                    "changes": {data["field"]: data["value"]},
                    "rationale": data["rationale"],
                }
            )
            return redirect("proposals")
        except PeaceOpsError as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "peaceops/proposals.html",
        {
            "title": "Proposed changes",
            "form": form,
            "proposals": reg.proposals(),
            "can_review": viewer.can_curate,
        },
    )


@require_POST
def review(request, proposal_id: int):
    if not viewer_of(request).can_curate:
        return _denied(request)
    try:
        registry_for(request).review(
            proposal_id, request.POST.get("decision") == "accept", request.POST.get("comment", "")
        )
    except PeaceOpsError as exc:
        return render(
            request,
            "peaceops/error.html",
            {"title": "Not reviewed", "message": str(exc)},
            status=400,
        )
    return redirect("proposals")


def audit(request):
    if not viewer_of(request).is_member:
        return _denied(request)
    rows, total = registry_for(request).audit(limit=100)
    if request.GET.get("format") == "json":
        from django.http import JsonResponse

        return JsonResponse({"ok": True, "data": rows, "meta": {"total": total}})
    return render(
        request, "peaceops/audit.html", {"title": "Audit trail", "rows": rows, "total": total}
    )


def _denied(request):
    status = 403 if request.user.is_authenticated else 401
    message = (
        "Your account cannot do this (or needs its two-factor check)."
        if status == 403
        else "Sign in first."
    )
    return render(
        request, "peaceops/error.html", {"title": "Not allowed", "message": message}, status=status
    )
