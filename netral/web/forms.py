from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # One message whatever went wrong (unknown user, wrong password, inactive account), so that
    # the form never tells an attacker which usernames exist.
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah."),
        "inactive": _("Nama pengguna atau kata sandi salah."),
    }

    username = forms.CharField(
        label=_("Nama pengguna"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
