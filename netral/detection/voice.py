"""Who is speaking: reporting voice (a journalist or an account relaying news) against a first
person who endorses. These become model features, so "Gibran mengikuti debat cawapres …, kata
…" and "saya pilih Gibran" differ by more than their topic.

The GUIDE's rule of thumb is the reason: reporting that someone campaigned is not partisan,
doing it is. A campaign hashtag, a call to vote, a finger sign or a first-person endorsement
outweigh the reporting voice (`reporting_clean` is false then).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from netral.detection.normalize import Tok

# Third-person attribution, as news writes it (normalised forms).
ATTRIBUTION = frozenset(
    [
        "kata",
        "katanya",
        "ujar",
        "ujarnya",
        "ucap",
        "ucapnya",
        "tutur",
        "tuturnya",
        "menurut",
        "mengatakan",
        "menegaskan",
        "menyampaikan",
        "menjelaskan",
        "mengungkapkan",
        "menyebut",
        "menyebutkan",
        "menilai",
        "dikutip",
        "dilansir",
        "melansir",
        "menuturkan",
        "mengaku",
        "mengklaim",
        "menanggapi",
        "menambahkan",
        "mengimbau",
        "berharap",
        "imbuhnya",
        "pungkasnya",
        "jelasnya",
        "lanjutnya",
    ]
)
# Outlets and the furniture of a news post ("baca selengkapnya", "simak", "video").
NEWS_FURNITURE = frozenset(
    [
        "detik",
        "detikcom",
        "kompas",
        "kompascom",
        "tempo",
        "tempoco",
        "cnn",
        "cnnindonesia",
        "liputan6",
        "tribun",
        "tribunnews",
        "okezone",
        "antara",
        "antaranews",
        "kumparan",
        "viva",
        "sindonews",
        "republika",
        "merdeka",
        "jpnn",
        "suara",
        "beritasatu",
        "metrotv",
        "tvone",
        "idntimes",
        "kompastv",
        "inews",
        "rmol",
        "jawapos",
        "berita",
        "breaking",
        "simak",
        "selengkapnya",
        "baca",
        "video",
        "wawancara",
        "wartawan",
        "konferensi",
        "pers",
        "jurnalis",
        "dilaporkan",
    ]
)
# Events of an election calendar that news reports.
EVENTS = frozenset(
    [
        "debat",
        "mendaftar",
        "mendaftarkan",
        "pendaftaran",
        "ditetapkan",
        "menetapkan",
        "pengundian",
        "rekapitulasi",
        "survei",
        "elektabilitas",
        "hitung",
        "quick",
        "count",
        "pleno",
        "dilantik",
        "pelantikan",
        "menghadiri",
        "mengunjungi",
        "meninjau",
        "berkunjung",
        "kunjungan",
        "menggelar",
        "digelar",
        "sidang",
        "visi",
        "misi",
        "persen",
        "hasil",
        "tahapan",
        "jadwal",
        "kpu",
        "bawaslu",
        "gugatan",
    ]
)
FIRST_PERSON = frozenset(["saya", "aku", "gue", "gua", "gw", "ane", "kami", "kita", "sy", "ak"])
ENDORSEMENT = frozenset(
    [
        "ayo",
        "yuk",
        "mari",
        "coblos",
        "menangkan",
        "lanjutkan",
        "pilih",
        "dukung",
        "pilihanku",
        "presidenku",
        "gubernurku",
        "jagoanku",
        "nyoblos",
        "contreng",
        "tusuk",
        "kawal",
        "menang",
    ]
)
_PAREN_DATE_RE = re.compile(r"\((?:[A-Za-z]+,?\s*)?\d{1,2}/\d{1,2}(?:/\d{2,4})?\)")  # "(6/11)"
_DAY_RE = re.compile(r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|WIB)\b")
_DATELINE_RE = re.compile(r"^[A-Z][A-Z ]{3,20}(?:,|\s-|\s–)")  # "SURABAYA - …"
VOICE_FLAGS = (
    "attribution",
    "news_furniture",
    "event",
    "first_person",
    "endorsement",
    "dated",
    "url_end",
    "headline",
    "question",
    "reporting",
    "reporting_clean",
    "first_endorsement",
    "mention_reporting",
)


_TRAILING = frozenset(["hashtag", "hashtag_part", "user"])

# Each word set as one bit, so a post's words are looked up once (cached per spelling) and the
# sets tested with a bitwise and; stance.py adds its own bits to the same table.
ATTRIBUTION_BIT, FURNITURE_BIT, EVENT_BIT, FIRST_BIT, ENDORSEMENT_BIT = 1, 2, 4, 8, 16


def voice_bits(word: str) -> int:
    return (
        (word in ATTRIBUTION) * ATTRIBUTION_BIT
        | (word in NEWS_FURNITURE) * FURNITURE_BIT
        | (word in EVENTS) * EVENT_BIT
        | (word in ENDORSEMENT) * ENDORSEMENT_BIT
        | (word in FIRST_PERSON or (len(word) > 4 and word.endswith("ku"))) * FIRST_BIT
    )


def _dated(text: str) -> bool:
    if "(" in text and _PAREN_DATE_RE.search(text):
        return True
    # Substrings without which _DAY_RE cannot match: a C-level `in` per name is far cheaper
    # than letting the pattern try its alternatives at every character of every post.
    if (
        "Senin" in text
        or "Selasa" in text
        or "Rabu" in text
        or "Kamis" in text
        or "Jum" in text
        or "Sabtu" in text
        or "Minggu" in text
        or "WIB" in text
    ) and _DAY_RE.search(text):
        return True
    return bool(_DATELINE_RE.match(text))


def _headline(text: str, tokens: Sequence[Tok]) -> bool:
    """A headline shared with its link: "Khofifah Sampaikan Program Pangan di Kediri URL"."""
    firsts = [text[t[1]] for t in tokens if t[3] == "word"]  # a token spans a character or more
    return len(firsts) >= 4 and sum(map(str.isupper, firsts)) / len(firsts) > 0.5


def voice_flags(
    text: str, tokens: Sequence[Tok], flags: dict[str, bool], word_mask: int | None = None
) -> dict[str, bool]:
    """The voice features of one text; `flags` are the rules' flags (mention, call, …);
    `word_mask` the or of `voice_bits` over the text's word tokens, when already known."""
    if word_mask is None:
        word_mask = 0
        for t in tokens:
            if t[3] == "word":
                word_mask |= voice_bits(t[0])
    first = bool(word_mask & FIRST_BIT)
    endorse = bool(word_mask & ENDORSEMENT_BIT)
    attribution, furniture = bool(word_mask & ATTRIBUTION_BIT), bool(word_mask & FURNITURE_BIT)
    event = bool(word_mask & EVENT_BIT)
    dated = _dated(text)
    # The link closes the post, trailing hashtags and handles aside ("… URL #pilkada").
    last = tokens[-1][3] if tokens else None  # most posts end with a word or a link
    if last in _TRAILING:
        last = next((t[3] for t in reversed(tokens) if t[3] not in _TRAILING), None)
    url_end = last == "url"
    headline = url_end and _headline(text, tokens)
    sided = (
        flags["campaign_hashtag"]
        or flags["call"]
        or flags["camp_jibe"]
        or flags["finger"]
        or (first and endorse)
    )
    reporting = attribution or furniture or dated or headline or (event and url_end)
    return {
        "attribution": attribution,
        "news_furniture": furniture,
        "event": event,
        "first_person": first,
        "endorsement": endorse,
        "dated": dated,
        "url_end": url_end,
        "headline": headline,
        "question": "?" in text,
        "reporting": reporting,
        "reporting_clean": reporting and not sided,
        "first_endorsement": first and endorse,
        "mention_reporting": reporting and flags["mention"] and not sided,
    }
