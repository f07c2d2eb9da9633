"""Whether a contestant is the target of support or merely talked about or to: the hard kinds of
the annotation guide (training/GUIDE.md, clarifications 1–6) as model features.

- An opinion on a programme, a question or request to a candidate, a complaint or a light
  joke names a candidate without taking a side; the guide counts them `not_partisan` unless a
  call, a slogan or a verdict on the candidate as the choice comes with them.
- Abuse of a politician with no reference to an election contest is not partisanship
  (clarification 6): `election_context` says whether any such reference is there.

Set intersections on the normalised words: cheap, and independent of any election's names, so
they carry over to elections the model never saw.
"""

from __future__ import annotations

from collections.abc import Sequence

from mypy_extensions import mypyc_attr

from netral.detection.entities import Mention
from netral.detection.normalize import Tok
from netral.detection.voice import voice_bits

# A reference to an election contest (clarification 6's list, normalised, and its kin).
ELECTION_WORDS = frozenset(
    [
        "capres",
        "cawapres",
        "pilpres",
        "pilkada",
        "pilgub",
        "pilbup",
        "pilwalkot",
        "cagub",
        "cawagub",
        "cabup",
        "cawabup",
        "cawalkot",
        "paslon",
        "pasangan",
        "pemilu",
        "pemilihan",
        "kampanye",
        "coblos",
        "nyoblos",
        "pilih",
        "memilih",
        "dipilih",
        "pilihan",
        "milih",
        "tps",
        "periode",
        "nyapres",
        "nyalon",
        "mencalonkan",
        "calon",
        "menang",
        "menangkan",
        "kalah",
        "debat",
        "suara",
        "elektabilitas",
        "survei",
        "putaran",
        "petahana",
        "koalisi",
        "timses",
        "relawan",
        "2017",
        "2019",
        "2024",
        "ganti",
        "pendukung",
        "quick",
        "count",
        "kpu",
        "bawaslu",
        "golput",
        "presidenku",
        "gubernurku",
        "cagubku",
        "capresku",
    ]
)
HONORIFICS = frozenset(
    [
        "pak",
        "bu",
        "bapak",
        "ibu",
        "mas",
        "mbak",
        "cak",
        "gus",
        "bang",
        "abah",
        "kak",
        "om",
        "yth",
        "kang",
        "ning",
        "mbah",
    ]
)
REQUEST = frozenset(
    [
        "tolong",
        "mohon",
        "bagaimana",
        "gimana",
        "kapan",
        "kenapa",
        "mengapa",
        "apakah",
        "bisakah",
        "bisa",
        "harap",
        "minta",
        "usul",
        "saran",
        "perhatikan",
        "perbaiki",
        "benahi",
        "tanya",
        "pertanyaan",
    ]
)
PROGRAMME = frozenset(
    [
        "program",
        "programnya",
        "janji",
        "janjinya",
        "anggaran",
        "kebijakan",
        "visi",
        "misi",
        "gratis",
        "subsidi",
        "pajak",
        "ekonomi",
        "infrastruktur",
        "utang",
        "hutang",
        "harga",
        "gaji",
        "lapangan",
        "pendidikan",
        "kesehatan",
        "bansos",
        "dana",
        "apbd",
        "apbn",
        "investasi",
        "pertumbuhan",
        "inflasi",
        "impor",
        "ekspor",
        "pangan",
        "petani",
        "buruh",
        "honorer",
        "sekolah",
        "jalan",
        "tol",
        "banjir",
        "rekam",
        "jejak",
        "prestasi",
        "kinerja",
        "data",
    ]
)
COMPLAINT = frozenset(
    [
        "macet",
        "kecewa",
        "capek",
        "cape",
        "bosan",
        "ribet",
        "mahal",
        "susah",
        "malas",
        "ngantuk",
        "kesal",
        "nyebelin",
        "parah",
        "rusak",
        "lelah",
        "ganggu",
        "mengganggu",
        "berisik",
        "bising",
        "sampah",
        "spanduk",
        "baliho",
    ]
)
STANCE_FLAGS = (
    "election_context",
    "abuse_no_election",
    "addressed",
    "question_to",
    "programme_talk",
    "programme_no_verdict",
    "complaint_words",
    "laughter",
)


def _laughs(word: str) -> bool:
    return word.startswith(("wkwk", "haha", "hehe", "xixi", "ngakak")) or word == "lol"


ELECTION_BIT, REQUEST_BIT, PROGRAMME_BIT, COMPLAINT_BIT, LAUGH_BIT = 32, 64, 128, 256, 512


def stance_bits(word: str) -> int:
    return (
        (word in ELECTION_WORDS) * ELECTION_BIT
        | (word in REQUEST) * REQUEST_BIT
        | (word in PROGRAMME) * PROGRAMME_BIT
        | (word in COMPLAINT) * COMPLAINT_BIT
        | _laughs(word) * LAUGH_BIT
    )


@mypyc_attr(native_class=False)  # mypyc: a builtin type subclass stays a plain class
class WordBits(dict[str, int]):
    """spelling → the voice and stance sets it belongs to, as bits; filled on first sight."""

    def __missing__(self, word: str) -> int:
        found = voice_bits(word) | stance_bits(word)
        if len(self) < 500_000:
            self[word] = found
        return found


def stance_flags(
    tokens: Sequence[Tok],
    mentions: Sequence[Mention],
    flags: dict[str, bool],
    mask: int | None = None,
) -> dict[str, bool]:
    """The stance features of one text; `mentions` are those of the chosen election, `flags`
    the rules' and voice's flags computed so far; `mask` the or of `stance_bits` over the
    text's word and hashtag-part tokens, when already known."""
    if mask is None:
        mask = 0
        for t in tokens:
            if t[3] == "word" or t[3] == "hashtag_part":
                mask |= stance_bits(t[0])
    verdict = (
        flags["call"]
        or flags["negated_call"]
        or flags["campaign_hashtag"]
        or flags["camp_jibe"]
        or flags["finger"]
        or flags["first_endorsement"]
    )
    context = bool(mask & ELECTION_BIT) or verdict or flags["number"]
    named = flags["mention"] or flags["party"]
    addressed = bool(mentions) and any(
        m.first_token > 0 and tokens[m.first_token - 1][0] in HONORIFICS for m in mentions
    )
    addressed = addressed or (bool(tokens) and tokens[0][3] == "user" and named)
    asks = flags["question"] or bool(mask & REQUEST_BIT)
    programme = named and bool(mask & PROGRAMME_BIT)
    return {
        "election_context": context,
        "abuse_no_election": (flags["attack"] or flags["camp_jibe"]) and not context,
        "addressed": addressed,
        "question_to": addressed and asks and not verdict,
        "programme_talk": programme,
        "programme_no_verdict": programme and not verdict,
        "complaint_words": named and bool(mask & COMPLAINT_BIT),
        "laughter": bool(mask & LAUGH_BIT),
    }
