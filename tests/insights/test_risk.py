"""Risk per region: factors with values, weights and sources; weights editable by planners."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from netral.audit.models import AuditEntry
from netral.elections.models import Election
from netral.insights import measures, risk
from netral.insights.models import RiskWeight
from netral.insights.refresh import refresh_all

pytestmark = pytest.mark.django_db


def test_each_region_has_its_factors_and_unlanded_ones_are_not_counted(persona) -> None:
    refresh_all()
    election = Election.objects.get(code="pilbup-oku-2024")
    rows = risk.risk(persona("bawaslu_oku"), election)
    assert [r.code for r in rows] == ["16.01"]
    factors = {f["key"]: f for f in rows[0].factors}
    # Pact coverage needs both prevention's signatures and the registry's ASN count.
    assert factors["pacts"]["available"] is measures.is_available("registry")
    assert factors["ignored"]["available"] is True
    assert rows[0].score is not None and 0 <= rows[0].score <= 100


def test_a_planner_changes_a_weight_and_it_is_audited(client_for) -> None:
    data = {f.key: str(f.default) for f in risk.FACTORS}
    data["incumbent"] = "0.50"
    response = client_for("admin").post(reverse("insights:risk"), data)
    assert response.status_code == 302
    assert RiskWeight.objects.get(factor="incumbent").weight == Decimal("0.50")
    assert AuditEntry.objects.filter(action="insights.risk_weights").exists()


def test_a_kabkota_officer_may_not_change_weights(client_for) -> None:
    data = {f.key: "0.9" for f in risk.FACTORS}
    assert client_for("bawaslu_oku").post(reverse("insights:risk"), data).status_code == 403
    assert RiskWeight.objects.get(factor="incumbent").weight == Decimal("0.25")


def test_a_weight_out_of_range_is_refused_with_its_name(client_for) -> None:
    data = {f.key: "0.2" for f in risk.FACTORS}
    data["earlier"] = "7"
    page = client_for("admin").post(reverse("insights:risk"), data, follow=True)
    assert "Pelanggaran pada pemilihan sebelumnya" in page.content.decode()
    assert RiskWeight.objects.get(factor="earlier").weight == Decimal("0.25")
