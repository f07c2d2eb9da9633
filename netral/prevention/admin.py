from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from netral.audit.admin import AuditedAdmin
from netral.prevention.models import PactTemplate, QuizOption, QuizQuestion


@admin.register(PactTemplate)
class PactTemplateAdmin(AuditedAdmin):
    """Editing a pact saves its next version: signed versions stay exactly as signed."""

    list_display = ["title", "election", "version", "created_at"]
    list_filter = ["election"]
    readonly_fields = ["version", "created_at", "created_by_label"]
    fields = ["election", "title", "opening", "points", "version", "created_at", "created_by_label"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        latest = (
            PactTemplate.objects.filter(election=obj.election).aggregate(v=Max("version"))["v"] or 0
        )
        obj.pk = None
        obj._state.adding = True
        obj.version = latest + 1
        obj.created_by_label = request.user.get_username()
        super().save_model(request, obj, form, False)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class QuizOptionInline(admin.StackedInline):
    model = QuizOption
    extra = 0
    min_num = 2
    fields = ["order", "text", "text_en", "correct", "explanation", "explanation_en", "basis"]


@admin.register(QuizQuestion)
class QuizQuestionAdmin(AuditedAdmin):
    """The quiz's question bank. A question is retired (`aktif` off), never deleted: answers
    already given point to it and its options."""

    list_display = ["code", "catalogue_code", "active", "updated_at"]
    list_filter = ["active", "catalogue_code"]
    search_fields = ["code", "situation", "situation_en"]
    readonly_fields = ["updated_at"]
    fields = ["code", "catalogue_code", "situation", "situation_en", "active", "updated_at"]
    inlines = [QuizOptionInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
