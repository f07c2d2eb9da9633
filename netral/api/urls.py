"""Assembles /api/v1/ from each area's router."""

from __future__ import annotations

from netral.accounts.api import router as accounts_router
from netral.api import errors
from netral.api.openapi import NetralAPI
from netral.cases.api import router as cases_router
from netral.catalogue.api import router as catalogue_router
from netral.deadlines.api import router as deadlines_router
from netral.elections.api import router as elections_router
from netral.insights.api import router as insights_router
from netral.intake.api import router as intake_router
from netral.monitoring.api import router as monitoring_router
from netral.prevention.api import router as prevention_router
from netral.regions.api import router as regions_router
from netral.registry.api import router as registry_router
from netral.selfcheck.api import router as selfcheck_router

api = NetralAPI(
    title="Netral API",
    version="1",
    description=(
        "Netral: supervising the political neutrality of Indonesian civil servants (ASN). "
        "Staff endpoints take `Authorization: Bearer TOKEN` (created with "
        "`netral token create --user USERNAME`). Errors share one shape: "
        '`{"detail": "...", "errors": [{"field": "...", "message": "..."}]}`.'
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)
errors.install(api)
api.add_router("/", accounts_router)
api.add_router("/regions", regions_router)
api.add_router("/catalogue", catalogue_router)
api.add_router("/elections", elections_router)
api.add_router("/deadlines", deadlines_router)
api.add_router("/reports", intake_router)
api.add_router("/cases", cases_router)
api.add_router("/insights", insights_router)
api.add_router("/monitoring", monitoring_router)
api.add_router("/asn", registry_router)
api.add_router("/prevention", prevention_router)
api.add_router("/", selfcheck_router)
