"""Reporting voice against first-person endorsement (team-written texts only)."""

from __future__ import annotations

import pytest

from netral.detection.detector import Detector


def test_reported_news_about_a_candidate_reads_as_reporting(detector: Detector) -> None:
    a = detector.analyse(
        "Jokowi menyampaikan program ekonomi di Surabaya, kata juru bicaranya "
        "kepada wartawan, Selasa (9/4/2019). URL"
    )
    assert a.flags["mention"]
    assert a.flags["attribution"] and a.flags["dated"] and a.flags["url_end"]
    assert a.flags["mention_reporting"] and a.flags["reporting_clean"]


def test_a_headline_with_its_link_reads_as_reporting(detector: Detector) -> None:
    a = detector.analyse("Prabowo Sampaikan Program Pangan di Depan Petani Jember URL")
    assert a.flags["headline"] and a.flags["reporting"]


@pytest.mark.parametrize(
    "text",
    [
        "Prabowo Sampaikan Program Pangan di Depan Petani Jember URL #PrabowoSandi",
        "Menurut saya Jokowi paling layak, ayo coblos 01!",
    ],
)
def test_a_campaign_hashtag_or_a_call_outweighs_the_reporting_voice(
    detector: Detector, text: str
) -> None:
    a = detector.analyse(text)
    assert a.flags["reporting"]
    assert not a.flags["reporting_clean"] and not a.flags["mention_reporting"]


def test_first_person_endorsement_is_its_own_feature(detector: Detector) -> None:
    assert detector.analyse("Saya pilih Prabowo, sudah jelas!").flags["first_endorsement"]
    assert not detector.analyse("Prabowo memilih di TPS 05 Jakarta.").flags["first_endorsement"]


def test_news_naming_a_candidate_scores_below_the_same_name_endorsed(detector: Detector) -> None:
    news, endorsed = detector.detect_many(
        [
            ("Prabowo mengikuti debat capres yang membahas ekonomi, menurut jadwal KPU.", None),
            ("Saya pilih Prabowo, debat tadi malam mantap! Lanjutkan!", None),
        ]
    )
    assert news.label == "not_partisan"
    assert endorsed.label == "partisan" and endorsed.score > news.score
