"""The list of what to fix, at the top of the long report form: on a phone the field in error
may be several screens below, so each entry names the field and links to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _

# Fields that are never shown to people (the honeypot): a robot's error is a page banner.
HIDDEN = frozenset({"website"})


@dataclass(frozen=True)
class FieldError:
    label: str
    anchor: str  # the id of the input to jump to; "" for an error of the whole form
    message: str


def _anchor(form: forms.BaseForm, name: str) -> str:
    bound = form[name]
    # A group of radios or checkboxes has no element with the field's own id: jump to the first.
    return bound.id_for_label or f"{bound.auto_id}_0"


def _of_form(form: forms.BaseForm, prefix: str = "") -> list[FieldError]:
    """The form's errors in the order of its fields (the page's order), whole-form ones first."""
    order = list(form.fields)
    found = []
    for name, errors in form.errors.items():
        if name in HIDDEN:
            continue
        text = " ".join(str(e) for e in errors)
        if name in form.fields:
            label = f"{prefix}{form.fields[name].label}"
            found.append((order.index(name), FieldError(label, _anchor(form, name), text)))
        else:  # an error of the whole form (or of the ASN row)
            found.append((-1, FieldError(prefix.removesuffix(" · "), "", text)))
    return [error for _position, error in sorted(found, key=lambda pair: pair[0])]


# The fields the page shows above the ASN rows (step 1); the others come after them.
BEFORE_ASN = frozenset({"violations", "other_violation", "description"})


def error_summary(form: forms.BaseForm, asn: Any) -> list[FieldError]:
    """Every error of the report form and its ASN rows, in the order the page shows them."""
    mine = _of_form(form)
    anchors = {f"id_{name}" for name in BEFORE_ASN} | {f"id_{name}_0" for name in BEFORE_ASN}
    before = [e for e in mine if e.anchor in anchors]
    after = [e for e in mine if e not in before]
    rows = [FieldError(_("ASN"), "", str(e)) for e in asn.non_form_errors()]
    for number, row in enumerate(asn.forms, start=1):
        rows += _of_form(row, prefix=_("ASN %(n)d · ") % {"n": number})
    return [*before, *rows, *after]
