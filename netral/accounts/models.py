"""Institutions, their staff users and the users' API tokens.

Every staff user belongs to exactly one institution, and the institution's jurisdiction
(national, one province or one kab/kota) bounds everything the user can see: see
`netral.access`.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netral.accounts.roles import Role
from netral.regions.models import Province, Regency


class InstitutionKind(models.TextChoices):
    BAWASLU_RI = "bawaslu_ri", _("Bawaslu RI")
    BAWASLU_PROVINCE = "bawaslu_province", _("Bawaslu Provinsi")
    BAWASLU_REGENCY = "bawaslu_regency", _("Bawaslu Kabupaten/Kota")
    BKN_CENTRAL = "bkn_central", _("BKN Pusat")
    BKN_REGIONAL = "bkn_regional", _("Kantor Regional BKN")
    KEMENPANRB = "kemenpanrb", _("Kementerian PANRB")
    KEMENDAGRI = "kemendagri", _("Kementerian Dalam Negeri")
    PROVINCIAL_GOVERNMENT = "pemprov", _("Pemerintah Provinsi (PPK: Gubernur)")
    REGENCY_GOVERNMENT = "pemkab_pemkot", _("Pemerintah Kabupaten/Kota (PPK: Bupati/Wali Kota)")
    MINISTRY = "kementerian_lembaga", _("Kementerian/Lembaga (PPK: Menteri/Kepala)")
    PERSONNEL_OFFICE = "personnel_office", _("BKPSDM/BKD/Biro SDM")
    INSPECTORATE = "inspektorat", _("Inspektorat")
    SATGAS = "satgas", _("Satgas Netralitas ASN")
    SYSTEM = "system", _("Pengelola sistem")


# Agencies whose head is a PPK (Pejabat Pembina Kepegawaian): sanctions are theirs to impose.
PPK_KINDS = frozenset(
    {
        InstitutionKind.PROVINCIAL_GOVERNMENT,
        InstitutionKind.REGENCY_GOVERNMENT,
        InstitutionKind.MINISTRY,
    }
)
BAWASLU_KINDS = frozenset(
    {InstitutionKind.BAWASLU_RI, InstitutionKind.BAWASLU_PROVINCE, InstitutionKind.BAWASLU_REGENCY}
)


class Jurisdiction(models.TextChoices):
    NATIONAL = "national", _("Nasional")
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")


class Institution(models.Model):
    kind = models.CharField(_("jenis"), max_length=32, choices=InstitutionKind.choices)
    name = models.CharField(_("nama"), max_length=200, unique=True)
    # The jurisdiction: both empty = national; province only = that province;
    # regency (with its province) = that kab/kota.
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("provinsi")
    )
    regency = models.ForeignKey(
        Regency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("kabupaten/kota"),
    )
    # The institution above it (Bawaslu Kab → Bawaslu Provinsi → Bawaslu RI; a BKPSDM → its
    # Pemkab). Escalation and conflict-of-interest routing follow it.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("lembaga induk"),
    )
    email = models.EmailField(_("surel"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("lembaga")
        verbose_name_plural = _("lembaga")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(regency__isnull=True) | models.Q(province__isnull=False),
                name="institution_regency_has_province",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.regency_id and not self.province_id:
            self.province_id = self.regency_id.split(".")[0]
        super().save(*args, **kwargs)

    @property
    def jurisdiction(self) -> Jurisdiction:
        if self.regency_id:
            return Jurisdiction.REGENCY
        if self.province_id:
            return Jurisdiction.PROVINCE
        return Jurisdiction.NATIONAL

    @property
    def jurisdiction_label(self) -> str:
        if self.regency is not None:
            return self.regency.name
        if self.province is not None:
            return str(_("Provinsi %(name)s") % {"name": self.province.name})
        return str(_("Nasional"))

    @property
    def is_ppk_agency(self) -> bool:
        return self.kind in PPK_KINDS


class User(AbstractUser):
    """A staff user. Public reporters never have accounts: they hold a receipt code instead."""

    institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("lembaga"),
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    # Empty while the user has no second factor; a fresh random value each time one is set up.
    # A session remembers the value it was verified with (netral.accounts.two_factor), so that
    # turning the factor off or resetting it ends every verified session, at no query per page.
    two_factor_stamp = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def role_set(self) -> frozenset[str]:
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            cached = (
                frozenset(self.roles.values_list("role", flat=True)) if self.pk else frozenset()
            )
            self._role_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))


class StaffRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("peran"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("peran")
        verbose_name_plural = _("peran")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]

    def __str__(self) -> str:
        return f"{self.user.username}: {self.role}"


TOKEN_PREFIX = "ntl_"  # noqa: S105  (a prefix, not a secret)


def hash_token(raw: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough; a slow one would only slow the API.
    return hashlib.sha256(raw.encode()).hexdigest()


class TokenScope(models.TextChoices):
    READ = "read", _("hanya baca")
    WRITE = "write", _("baca dan ubah")


class ApiToken(models.Model):
    """A staff API token. Only its hash is stored; the token itself is shown once.

    Tokens made before scopes existed have an empty scope: they read and write, unless their
    user must use a second factor (netral.accounts.tokens decides, at each use)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("berlaku sampai"), null=True, blank=True)
    scope = models.CharField(
        _("cakupan"), max_length=8, choices=TokenScope.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.username})"

    @staticmethod
    def generate() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)
