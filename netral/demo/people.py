"""Deterministic demo institutions and users (one for every role).

Names, codes and usernames never change between runs, so a README, a test or a trainer can
refer to them; loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from netral.accounts.models import Institution, InstitutionKind, StaffRole, User
from netral.accounts.roles import Role
from netral.audit.services import log_action

DEMO_PASSWORD = "netral-demo"  # noqa: S105  (documented demo credential, demo data only)
# DEMO ONLY. The TOTP secret of every demo persona whose role requires a second factor
# (README, "Demo accounts"): a tester adds it to an authenticator app, or runs
# `oathtool --totp -b NETRALDEMOTOTPSECRETFORTESTING22`. Published, so never for real accounts.
DEMO_TOTP_SECRET = "NETRALDEMOTOTPSECRETFORTESTING22"  # noqa: S105

K = InstitutionKind


@dataclass(frozen=True)
class DemoInstitution:
    key: str
    kind: str
    name: str
    province: str | None = None
    regency: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class DemoUser:
    username: str
    institution: str | None
    roles: tuple[str, ...]
    full_name: str
    position: str = ""
    superuser: bool = False
    extra: dict[str, str] = field(default_factory=dict)


INSTITUTIONS: list[DemoInstitution] = [
    DemoInstitution("bawaslu_ri", K.BAWASLU_RI, "Bawaslu Republik Indonesia"),
    DemoInstitution("bkn", K.BKN_CENTRAL, "Badan Kepegawaian Negara"),
    DemoInstitution("satgas", K.SATGAS, "Satgas Netralitas ASN"),
    DemoInstitution("kemenpanrb", K.KEMENPANRB, "Kementerian PANRB"),
    DemoInstitution("kemendagri", K.KEMENDAGRI, "Kementerian Dalam Negeri"),
    DemoInstitution("system", K.SYSTEM, "Pengelola Sistem Netral"),
    # Sumatera Selatan (16)
    DemoInstitution(
        "bawaslu_sumsel",
        K.BAWASLU_PROVINCE,
        "Bawaslu Provinsi Sumatera Selatan",
        province="16",
        parent="bawaslu_ri",
    ),
    DemoInstitution(
        "bawaslu_oku",
        K.BAWASLU_REGENCY,
        "Bawaslu Kabupaten Ogan Komering Ulu",
        regency="16.01",
        parent="bawaslu_sumsel",
    ),
    DemoInstitution(
        "bawaslu_palembang",
        K.BAWASLU_REGENCY,
        "Bawaslu Kota Palembang",
        regency="16.71",
        parent="bawaslu_sumsel",
    ),
    DemoInstitution(
        "bkn_kanreg7",
        K.BKN_REGIONAL,
        "Kantor Regional VII BKN Palembang",
        province="16",
        parent="bkn",
    ),
    DemoInstitution(
        "pemprov_sumsel",
        K.PROVINCIAL_GOVERNMENT,
        "Pemerintah Provinsi Sumatera Selatan",
        province="16",
    ),
    DemoInstitution(
        "pemkab_oku",
        K.REGENCY_GOVERNMENT,
        "Pemerintah Kabupaten Ogan Komering Ulu",
        regency="16.01",
        parent="pemprov_sumsel",
    ),
    DemoInstitution(
        "bkpsdm_oku",
        K.PERSONNEL_OFFICE,
        "BKPSDM Kabupaten Ogan Komering Ulu",
        regency="16.01",
        parent="pemkab_oku",
    ),
    DemoInstitution(
        "inspektorat_oku",
        K.INSPECTORATE,
        "Inspektorat Kabupaten Ogan Komering Ulu",
        regency="16.01",
        parent="pemkab_oku",
    ),
    DemoInstitution(
        "pemkot_palembang",
        K.REGENCY_GOVERNMENT,
        "Pemerintah Kota Palembang",
        regency="16.71",
        parent="pemprov_sumsel",
    ),
    # Aceh (11)
    DemoInstitution(
        "bawaslu_aceh",
        K.BAWASLU_PROVINCE,
        "Panwaslih Provinsi Aceh",
        province="11",
        parent="bawaslu_ri",
    ),
    DemoInstitution(
        "bawaslu_langsa",
        K.BAWASLU_REGENCY,
        "Panwaslih Kota Langsa",
        regency="11.74",
        parent="bawaslu_aceh",
    ),
    DemoInstitution(
        "bawaslu_aceh_besar",
        K.BAWASLU_REGENCY,
        "Panwaslih Kabupaten Aceh Besar",
        regency="11.06",
        parent="bawaslu_aceh",
    ),
    DemoInstitution(
        "pemkot_langsa", K.REGENCY_GOVERNMENT, "Pemerintah Kota Langsa", regency="11.74"
    ),
    DemoInstitution(
        "bkpsdm_langsa",
        K.PERSONNEL_OFFICE,
        "BKPSDM Kota Langsa",
        regency="11.74",
        parent="pemkot_langsa",
    ),
    # Jawa Timur (35)
    DemoInstitution(
        "bawaslu_jatim",
        K.BAWASLU_PROVINCE,
        "Bawaslu Provinsi Jawa Timur",
        province="35",
        parent="bawaslu_ri",
    ),
    DemoInstitution(
        "bawaslu_surabaya",
        K.BAWASLU_REGENCY,
        "Bawaslu Kota Surabaya",
        regency="35.78",
        parent="bawaslu_jatim",
    ),
    DemoInstitution(
        "bawaslu_sidoarjo",
        K.BAWASLU_REGENCY,
        "Bawaslu Kabupaten Sidoarjo",
        regency="35.15",
        parent="bawaslu_jatim",
    ),
    DemoInstitution(
        "pemprov_jatim", K.PROVINCIAL_GOVERNMENT, "Pemerintah Provinsi Jawa Timur", province="35"
    ),
    DemoInstitution(
        "bkd_jatim",
        K.PERSONNEL_OFFICE,
        "BKD Provinsi Jawa Timur",
        province="35",
        parent="pemprov_jatim",
    ),
    DemoInstitution(
        "pemkab_sidoarjo",
        K.REGENCY_GOVERNMENT,
        "Pemerintah Kabupaten Sidoarjo",
        regency="35.15",
        parent="pemprov_jatim",
    ),
]

R = Role
BAWASLU_STAFF = (R.INTAKE_OFFICER, R.INVESTIGATOR, R.COMMISSIONER)

USERS: list[DemoUser] = [
    DemoUser("admin", "system", (R.ADMINISTRATOR,), "Administrator Netral", superuser=True),
    DemoUser("bawaslu_ri", "bawaslu_ri", BAWASLU_STAFF, "Petugas Bawaslu RI"),
    DemoUser("bawaslu_sumsel", "bawaslu_sumsel", BAWASLU_STAFF, "Petugas Bawaslu Sumsel"),
    DemoUser(
        "bawaslu_oku",
        "bawaslu_oku",
        BAWASLU_STAFF,
        "Rina Marlina",
        "Koordinator Divisi Penanganan Pelanggaran",
    ),
    DemoUser("bawaslu_palembang", "bawaslu_palembang", BAWASLU_STAFF, "Petugas Bawaslu Palembang"),
    DemoUser(
        "bawaslu_langsa",
        "bawaslu_langsa",
        BAWASLU_STAFF,
        "Teuku Fadli",
        "Anggota Panwaslih Kota Langsa",
    ),
    DemoUser("bawaslu_jatim", "bawaslu_jatim", BAWASLU_STAFF, "Petugas Bawaslu Jatim"),
    DemoUser("bawaslu_surabaya", "bawaslu_surabaya", BAWASLU_STAFF, "Petugas Bawaslu Surabaya"),
    DemoUser("monitor_oku", "bawaslu_oku", (R.MONITOR,), "Dedi Saputra", "Staf pemantauan"),
    DemoUser("bkn", "bkn", (R.AUTHORITY_VERIFIER,), "Verifikator BKN"),
    DemoUser("bkn_kanreg7", "bkn_kanreg7", (R.AUTHORITY_VERIFIER,), "Verifikator Kanreg VII"),
    DemoUser("satgas", "satgas", (R.AUTHORITY_VERIFIER, R.SUPERVISOR), "Anggota Satgas"),
    DemoUser(
        "ppk_oku",
        "bkpsdm_oku",
        (R.PPK_OFFICER,),
        "Hendra Wijaya",
        "Kepala Bidang Disiplin BKPSDM OKU",
    ),
    DemoUser("ppk_langsa", "bkpsdm_langsa", (R.PPK_OFFICER,), "Petugas BKPSDM Langsa"),
    DemoUser("ppk_jatim", "bkd_jatim", (R.PPK_OFFICER,), "Petugas BKD Jatim"),
    DemoUser("inspektorat_oku", "inspektorat_oku", (R.SUPERVISOR,), "Auditor Inspektorat OKU"),
    DemoUser("kemendagri", "kemendagri", (R.SUPERVISOR,), "Pengawas Kemendagri"),
    DemoUser("kemenpanrb", "kemenpanrb", (R.SUPERVISOR,), "Pengawas KemenPANRB"),
    DemoUser("analyst", "bawaslu_ri", (R.ANALYST,), "Analis Data Nasional"),
]


def _ensure_institutions() -> tuple[dict[str, Institution], int]:
    by_key: dict[str, Institution] = {}
    created = 0
    for spec in INSTITUTIONS:
        defaults = {
            "kind": spec.kind,
            "province_id": spec.province or (spec.regency.split(".")[0] if spec.regency else None),
            "regency_id": spec.regency,
            "parent": by_key.get(spec.parent) if spec.parent else None,
        }
        inst, was_created = Institution.objects.get_or_create(name=spec.name, defaults=defaults)
        if was_created:
            log_action(None, "institution.create", inst, {"name": inst.name, "demo": True})
            created += 1
        by_key[spec.key] = inst
    return by_key, created


def load_people() -> str:
    with transaction.atomic():
        institutions, created_institutions = _ensure_institutions()
        created_users = 0
        for spec in USERS:
            if User.objects.filter(username=spec.username).exists():
                continue
            first, _, last = spec.full_name.partition(" ")
            user = User(
                username=spec.username,
                first_name=first,
                last_name=last,
                email=f"{spec.username}@demo.netral.invalid",
                institution=institutions[spec.institution] if spec.institution else None,
                position=spec.position,
                is_staff=spec.superuser,
                is_superuser=spec.superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            StaffRole.objects.bulk_create([StaffRole(user=user, role=r) for r in spec.roles])
            log_action(
                None,
                "user.create",
                user,
                {"username": user.username, "roles": list(spec.roles), "demo": True},
            )
            created_users += 1
        devices = _ensure_demo_devices()
    return (
        f"{created_institutions} institutions and {created_users} users created, "
        f"{devices} demo TOTP devices"
    )


def _ensure_demo_devices() -> int:
    """The demo personas that must use a second factor get one, with the published secret."""
    from netral import access
    from netral.accounts.two_factor.services import demo_device

    made = 0
    names = [spec.username for spec in USERS]
    for user in User.objects.filter(username__in=names, two_factor_stamp=""):
        if access.requires_two_factor(user):
            demo_device(user=user, secret_base32=DEMO_TOTP_SECRET)
            made += 1
    return made
