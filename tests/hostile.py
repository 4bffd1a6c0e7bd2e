"""A hostile-input corpus: a valid content folder with attacks in every text field.

Each payload carries a marker number so a test can tell which one got through.
URL fields are attacked separately (they must be refused before anything is
built), see ``HOSTILE_URLS``.
"""

from __future__ import annotations

import json
from pathlib import Path

TEXT_PAYLOADS = [
    '<script>alert("x1")</script>',
    '"><img src=x onerror=alert("x2")>',
    "'><svg onload=alert('x3')>",
    "<a href=\"javascript:alert('x4')\">x4</a>",
    "<a href=\"JaVaScRiPt:alert('x5')\">x5</a>",
    "<a href=\"&#106;avascript:alert('x6')\">x6</a>",
    "<a href=\"java&#x09;script:alert('x7')\">x7</a>",
    "<iframe src=\"data:text/html,<script>alert('x8')</script>\"></iframe>",
    "[x9](javascript:alert('x9'))",
    "[x10](data:text/html;base64,PHNjcmlwdD5hbGVydCgneDEwJyk8L3NjcmlwdD4=)",
    "<div style=\"background:url(javascript:alert('x11'))\" onclick=\"alert('x12')\">x12</div>",
    "</script><script>alert('x13')</script>",
    "<object data=\"javascript:alert('x14')\"></object>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('x15')>",
    "<form action=\"javascript:alert('x16')\"><button>x16</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'x17\')">',
    "<base href=\"javascript:alert('x18')//\">",
    '<img src="https://tracker.invalid/x19.png">',
    '<link rel="stylesheet" href="https://tracker.invalid/x20.css">',
    "{{ 7 * 7 }}x21{% if true %}x21{% endif %}",
    "<a href=\"vbscript:msgbox('x22')\">x22</a>",
    "<svg><a xlink:href=\"javascript:alert('x23')\"><text>x23</text></a></svg>",
    "<style>body{background:url('https://tracker.invalid/x24.png')}</style>",
    '<details open ontoggle=alert("x25")>',
]

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "%6A%61vascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//tracker.invalid/x",
    "javascript://example.org/%0Aalert(1)",
]


class Payloads:
    """Hands out the payloads in turn, so every one lands in many fields."""

    def __init__(self):
        self.i = 0

    def __call__(self, prefix: str = "") -> str:
        payload = TEXT_PAYLOADS[self.i % len(TEXT_PAYLOADS)]
        self.i += 1
        return f"{prefix} {payload}".strip()


def q(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def write_hostile_site(root: Path) -> Path:
    p = Payloads()
    for folder in ("services", "organisations", "locations", "consultations", "taxonomy", "pages", "images"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    # the share image the tests' settings name (share_image: /images/share.png)
    (root / "images/share.png").write_bytes((Path(__file__).parent / "fixtures/sample/images/share.png").read_bytes())
    vocabularies = {
        "categories": ["food", "advice"],
        "areas": ["north"],
        "audiences": ["families"],
        "accessibility": ["step-free"],
    }
    for vocab, slugs in vocabularies.items():
        lines = []
        for slug in slugs:
            lines += [f"{slug}:", f"  name: {q(p(slug))}", f"  description: {q(p())}"]
        (root / "taxonomy" / f"{vocab}.yaml").write_text("\n".join(lines) + "\n")
    for n in range(4):
        (root / "organisations" / f"org-{n}.yaml").write_text(f"""\
name: {q(p("Org"))}
kind: charity
summary: {q(p())}
description: {q(p() + chr(10) + chr(10) + p())}
url: https://example.org/{n}
email: org{n}@example.org
phones:
  - number: 01632 960 00{n}
    description: {q(p())}
categories: [food]
areas: [north]
locations: [hall]
assurer: {q(p())}
assured_date: 2026-10-01
""")
    (root / "locations" / "hall.yaml").write_text(f"""\
name: {q(p("Hall"))}
description: {q(p())}
address:
  address_1: {q(p())}
  address_2: {q(p())}
  city: {q(p())}
  region: {q(p())}
  postal_code: ZZ1 1AA
accessibility: [step-free]
transportation: {q(p())}
""")
    for n in range(12):
        (root / "services" / f"service-{n}.yaml").write_text(f"""\
name: {q(p("Service"))}
organization: org-{n % 4}
summary: {q(p())}
description: {q(p() + chr(10) + chr(10) + "# " + p() + chr(10) + chr(10) + "- " + p())}
alert: {q(p())}
categories: [food, advice]
areas: [north]
audiences: [families]
minimum_age: 5
maximum_age: 90
eligibility: {q(p())}
fees: {q(p())}
cost_options:
  - option: {q(p())}
    amount: 2.50
    amount_description: {q(p())}
how_to_access: [drop-in]
url: https://example.org/s{n}
email: s{n}@example.org
phones:
  - number: 01632 960 1{n:02d}
    description: {q(p())}
contacts:
  - name: {q(p())}
    title: {q(p())}
    department: {q(p())}
locations:
  - hall
  - name: {q(p())}
    description: {q(p())}
    address:
      address_1: {q(p())}
      city: {q(p())}
      postal_code: ZZ2 2BB
    transportation: {q(p())}
schedules:
  - byday: MO
    opens_at: "09:00"
    closes_at: "17:00"
    notes: {q(p())}
  - description: {q(p())}
languages: [{q(p())}, English]
accessibility: [step-free]
assured_date: 2026-10-01
assurer: {q(p())}
""")
    for n, (opens, closes) in enumerate([("2026-11-01", "2027-01-01"), ("2026-01-01", "2026-02-01")]):
        outcome = f"outcome: {q(p())}\noutcome_published: 2026-03-01\n" if n else ""
        (root / "consultations" / f"consultation-{n}.md").write_text(f"""\
---
title: {q(p("Consultation"))}
organization: org-0
summary: {q(p())}
opens: {opens}
closes: {closes}
how_to_respond:
  url: https://example.org/survey
  email: survey@example.org
  postal: {q(p())}
  events:
    - title: {q(p())}
      date: 2026-12-01
      location: hall
      place: {q(p())}
documents:
  - title: {q(p())}
    url: https://example.org/doc.pdf
related_services: [service-0]
categories: [food]
areas: [north]
{outcome}---
{p()}

{p()}

[x26](javascript:alert('x26')) <a href="javascript:alert('x27')">x27</a>
""")
    (root / "pages" / "about.md").write_text(f"""\
---
title: {q(p("About"))}
summary: {q(p())}
in_footer: true
---
{p()}

{p()}
""")
    # the columns the reader does not use may hold anything: they are never published
    (root / "postcodes.csv").write_text(
        "postcode,latitude,longitude,notes\n" + f"ZZ1 1AA,52.41,-1.51,{p()!r}\nZZ1 1AB,52.412,-1.513,x\n"
    )
    return root
