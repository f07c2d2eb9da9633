"""Netral's settings with one addition for the load benchmark: a bare Django view at
/bench/bare/, served by the same `netral serve` as the real pages (the reference)."""

from netral.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
