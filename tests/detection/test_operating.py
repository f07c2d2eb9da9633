"""The operating points monitoring imports (team-written texts only)."""

from __future__ import annotations

from netral.detection.detector import Detector
from netral.detection.operating import ALERT_SCORE, is_alert


def test_the_alert_point_is_stricter_than_the_label(detector: Detector) -> None:
    assert detector.model.parts.threshold < ALERT_SCORE < 1.0


def test_an_open_campaign_call_alerts_and_neutral_news_does_not(detector: Detector) -> None:
    call = detector.detect("Ayo coblos 02 tanggal 17 April, Prabowo-Sandi pasti menang! ✌️")
    news = detector.detect(
        "KPU menetapkan Khofifah-Emil sebagai pasangan calon nomor urut 2 Pilgub Jatim. URL"
    )
    assert is_alert(call.score) and call.label == "partisan"
    assert not is_alert(news.score) and news.label == "not_partisan"
