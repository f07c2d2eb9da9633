from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "netral.regions"
    verbose_name = _("Wilayah")

    def load_reference_data(self) -> str:
        from netral.regions.loader import load_regions
        from netral.regions.models import District, Province, Regency

        if Province.objects.count() == 38 and Regency.objects.count() == 514:
            return ""
        counts = load_regions(Province, Regency, District)
        return f"{counts['provinces']} provinces, {counts['regencies']} kab/kota loaded"
