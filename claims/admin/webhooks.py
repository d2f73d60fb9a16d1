"""Webhook endpoints (managed here) and their deliveries (the read-only log of every attempt)."""

from django import forms
from django.contrib import admin

from claims.admin.base import ReadOnlyAdminMixin, WritesThroughServices
from claims.models import WebhookDelivery, WebhookEndpoint, WebhookEvent


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "secret", "events", "active", "description"]
        widgets = {"secret": forms.PasswordInput(render_value=True)}


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(WritesThroughServices, admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "description", "event_list", "active", "created_at"]
    list_filter = ["active"]

    @admin.display(description="Events")
    def event_list(self, endpoint):
        return ", ".join(endpoint.events)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every attempt, kept: what was sent, what came back, how long it took."""

    list_display = ["created_at", "endpoint", "event", "attempt", "status_code", "duration_ms"]
    list_filter = ["event", "status_code", "endpoint"]
    list_select_related = ["endpoint"]
    readonly_fields = [
        "endpoint",
        "event",
        "payload",
        "attempt",
        "status_code",
        "error",
        "duration_ms",
        "created_at",
    ]
    date_hierarchy = "created_at"
