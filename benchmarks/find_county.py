"""County scale: planscan find over 41 fake municipal websites on 127.0.0.1 (Nordland has
41 municipalities), with the real politeness (1 s between requests to one host).

Each site is a small plan site (tests/fixtures/sites.py: nynorsk plan pages, `_f/p1/` and
`download/18.` paths, a redirect); every eighth one keeps its housing plan on one shared
document host, as five Buskerud municipalities share an Azure blob store, so that host's
requests queue behind each other. The search should take about as long as its slowest
municipality, not the sum of them all.

    python benchmarks/find_county.py [--delay 1.0] [--sites 41]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fixtures.sites import Site, nynorsk_site, page, pdf, serve, serve_all  # noqa: E402

from planscan.find import find  # noqa: E402
from planscan.models import FindSettings  # noqa: E402
from planscan.registry import registry  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--sites", type=int, default=41)
    args = parser.parse_args()
    municipalities = list(registry().county("Nordland"))[: args.sites]
    shared = Site({f"/aimfiles/{i:08d}-0000-0000-0000-000000000000.pdf": pdf() for i in range(64)})
    with serve(shared):
        sites = []
        for index in range(len(municipalities)):
            site = nynorsk_site()
            if index % 8 == 0:
                doc = f"{shared.base}/aimfiles/{index:08d}-0000-0000-0000-000000000000.pdf"
                site.routes["/planar/"] = page(
                    "Planar", [(doc, "Boligsosial handlingsplan 2024-2028")]
                )
            sites.append(site)
        settings = FindSettings(delay=args.delay, allow_private=True, allow_hosts=(shared.host,))
        with serve_all(sites), tempfile.TemporaryDirectory() as folder:
            started = time.monotonic()
            report = find(
                municipalities,
                output=Path(folder) / "plans.yaml",
                settings=settings,
                start_urls={
                    m.shown: s.base + "/" for m, s in zip(municipalities, sites, strict=True)
                },
            )
            elapsed = time.monotonic() - started
    seconds = [s.seconds for s in report.searches]
    found = sum(f.best is not None for s in report.searches for f in s.findings)
    print(f"municipalities:        {len(report.searches)} (delay {args.delay:g} s per host)")
    print(f"requests:              {sum(s.requests for s in report.searches)}")
    print(f"levels found:          {found}")
    print(f"wall time:             {elapsed:.1f} s")
    print(f"slowest municipality:  {max(seconds):.1f} s")
    print(f"sum of municipalities: {sum(seconds):.1f} s")
    print(f"shared document host:  {len(shared.log)} requests, min gap {min(shared.gaps()):.2f} s")


if __name__ == "__main__":
    main()
