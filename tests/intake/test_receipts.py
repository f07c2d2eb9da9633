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


def test_secret_is_stored_keyed_not_slow_and_not_in_clear(settings: object) -> None:
    """The digest is an HMAC under a key kept out of the database: another key (what a thief
    of the database alone can try) never matches."""
    issued = receipts.issue()
    secret = issued.code.replace("-", "")[8:]
    assert issued.salt == receipts.HMAC_MARK and len(issued.digest) == 32
    assert secret.encode() not in issued.digest
    assert receipts.matches(secret, issued.salt, issued.digest)
    settings.AUDIT_KEY = "a key the thief guessed"  # type: ignore[attr-defined]
    assert not receipts.matches(secret, issued.salt, issued.digest)


def test_miss_runs_the_same_hmac_as_a_hit(monkeypatch: object) -> None:
    """An unknown lookup id costs one keyed hash and one constant-time comparison, like a hit."""
    import hmac

    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    issued = receipts.issue()
    secret = issued.code.replace("-", "")[8:]
    calls: list[str] = []
    real_hash, real_compare = receipts.keyed_hash, hmac.compare_digest

    def counted_hash(secret: str) -> bytes:
        calls.append("hash")
        return real_hash(secret)

    def counted_compare(a: bytes, b: bytes) -> bool:
        calls.append("compare")
        return real_compare(a, b)

    monkeypatch.setattr(receipts, "keyed_hash", counted_hash)
    monkeypatch.setattr(receipts.hmac, "compare_digest", counted_compare)
    assert receipts.matches(secret, issued.salt, issued.digest)
    hit = list(calls)
    calls.clear()
    assert not receipts.matches(secret, None, None)
    assert calls == hit == ["hash", "compare"]


def test_receipt_issued_with_scrypt_still_opens_and_is_then_stored_keyed(db: None) -> None:
    """Reports filed before the keyed digest keep working; the first look-up re-stores the
    digest keyed, and the receipt still opens afterwards (the wrong secret never does)."""
    from netral.intake.models import Report
    from netral.intake.services import report_for_receipt

    report = Report.objects.filter(channel="demo").first()
    assert report is not None
    lookup, secret = "0KDR0000", "0123456789ABCDEF"
    salt = b"sixteen-byte-slt"
    Report.objects.filter(pk=report.pk).update(
        receipt_lookup=lookup,
        receipt_salt=salt,
        receipt_digest=receipts.slow_hash(secret, salt),
    )
    code = receipts.format_code(lookup + secret)
    wrong = code[:-1] + "0"
    assert report_for_receipt(wrong) is None
    assert bytes(Report.objects.get(pk=report.pk).receipt_salt) == salt  # a miss changes nothing
    found = report_for_receipt(code)
    assert found is not None and found.pk == report.pk
    stored = Report.objects.get(pk=report.pk)
    assert bytes(stored.receipt_salt) == receipts.HMAC_MARK
    assert bytes(stored.receipt_digest) != receipts.slow_hash(secret, salt)
    again = report_for_receipt(code)
    assert again is not None and again.pk == report.pk
    assert report_for_receipt(wrong) is None
