"""The registry's figure on the dashboards: ASN per region (`registry.asn`), the denominator of
pact coverage and socialization reach in the risk score (netral.insights.measures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Count

from netral.insights.measures import STOCK_DAY, Bucket
from netral.registry.models import Asn
from netral.registry.vocab import Status


class RegistryMeasures:
    area = "registry"

    def buckets(self, since: dt.datetime | None) -> Iterator[Bucket]:
        """Active, listed ASN per work-unit region. A stock: every region each time (a few
        hundred rows, one grouped query), regions that emptied included as zero."""
        from netral.insights.models import MeasureValue

        counts = (
            Asn.objects.filter(status=Status.ACTIVE, listed=True)
            .values("province_id", "regency_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        seen = set()
        for row in counts:
            seen.add((row["province_id"], row["regency_id"]))
            yield Bucket(
                "registry.asn", None, row["province_id"], row["regency_id"], STOCK_DAY, row["n"]
            )
        for province, regency in MeasureValue.objects.filter(measure="registry.asn").values_list(
            "province_id", "regency_id"
        ):
            if (province, regency) not in seen:
                yield Bucket("registry.asn", None, province, regency, STOCK_DAY, 0)
