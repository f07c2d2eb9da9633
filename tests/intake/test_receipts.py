"""Receipts carry at least 80 secret bits, are read in groups, and are stored only hashed."""

from __future__ import annotations

import math

from netral.intake import receipts


def test_receipt_has_80_secret_bits_in_groups_of_four() -> None:
    issued = receipts.issue()
    groups = issued.code.split("-")
    assert [len(g) for g in groups] == [4] * 6
    secret_bits = receipts.SECRET_CHARS * math.log2(len(receipts.ALPHABET))
    assert secret_bits >= 80
    assert issued.code.replace("-", "")[8:] not in issued.digest.hex()


def test_typed_receipt_is_forgiving_but_exact() -> None:
    issued = receipts.issue()
    typed = issued.code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    normalized = receipts.normalize(typed)
    assert normalized is not None
    lookup, secret = receipts.split(normalized)
    assert lookup == issued.lookup
    assert receipts.matches(secret, issued.salt, issued.digest)
    wrong = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    assert not receipts.matches(wrong, issued.salt, issued.digest)
    assert receipts.normalize("too-short") is None


def test_demo_report_opens_with_the_documented_receipt(db: None) -> None:
    from netral.intake.demo import DEMO_RECEIPT, load_demo_reports
    from netral.intake.services import report_for_receipt

    assert load_demo_reports() == "demo reports already loaded"  # loaded once per session
    report = report_for_receipt(DEMO_RECEIPT)
    assert report is not None and report.anonymous
    assert report.case.handling_institution.name == "Panwaslih Kota Langsa"


def test_sealed_identity_needs_the_configured_key(settings: object) -> None:
    import pytest

    from netral.intake import sealing

    token = sealing.seal({"name": "Rahasia"})
    assert b"Rahasia" not in token and sealing.unseal(token) == {"name": "Rahasia"}
    settings.IDENTITY_KEY = "another-key"  # type: ignore[attr-defined]
    with pytest.raises(sealing.SealError):
        sealing.unseal(token)
    settings.IDENTITY_KEY = "another-key,old"  # type: ignore[attr-defined]
    new = sealing.seal({"name": "X"})
    settings.IDENTITY_KEY = "newest,another-key"  # type: ignore[attr-defined]
    assert sealing.unseal(new) == {"name": "X"}  # rotation: old keys still open
