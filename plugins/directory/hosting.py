"""What a host must send with the site: the headers, the content types and the
rewrites of the Open Referral API's addresses.

One place for them: ``outputs/hosting.py`` writes them as the ``_headers`` and
``_redirects`` files Netlify and Cloudflare Pages read, the preview server
(``commands/serve.py``) applies those same files, the browser tests are served
by it, and docs/publishing.md tells other hosts what to send.
"""

from __future__ import annotations

# The site needs nothing beyond its own origin: no inline code, no other hosts.
BASE_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'"
# and no other site may frame its pages, but for the embeds' frames, made for it
# (the builder, /embed/ itself, may not be framed)
NO_FRAMING = "frame-ancestors 'none'"
FRAMEABLE = ("embed",)
HEADERS = {
    "Content-Security-Policy": BASE_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# what other sites may read from scripts of theirs (CORS): the open data, the
# widget and its data, and the postcodes it sorts by
SHARED = ("openreferral", "widget", "search/postcodes")
# by file ending; anything else is application/octet-stream
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".yml": "text/yaml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}
NOT_FOUND_PAGE = "404.html"


def editor_policy(connect=(), images=()) -> str:
    """The web editor's own policy (/admin/, Decap CMS: outputs/cms.py), in place
    of BASE_POLICY, which Decap cannot run under. What it allows, and why:

    * ``script-src 'self' 'unsafe-eval'``: Decap checks its configuration with ajv,
      which compiles each check with ``new Function``. Still no inline script, no
      ``javascript:`` address and no script from another origin, so nothing a
      contributor writes can run there: their text reaches the editor as data.
    * ``style-src 'unsafe-inline'``: Decap's styles are made at run time (emotion)
      as ``<style>`` elements.
    * ``connect-src``: ``connect``, the Git host's API (and Decap's local backend,
      for ``make cms`` only).
    * ``img-src``: ``images``, the Git host's avatars (the signed-in editor's
      picture). No field takes an upload, so no blob: or data: pictures either.

    Nothing else: no other origin for anything, no plugins, no forms, no <base>,
    and (as a header) no framing."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            " ".join(["img-src 'self'", *images]),
            " ".join(["connect-src 'self'", *connect]),
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def header_rules(top_folders, top_files=(), own_policies=None) -> list[tuple[str, dict]]:
    """``(path pattern, headers)`` in the ``_headers`` format: a header a path
    matches twice is sent once with the values joined by commas (two policies,
    both enforced). ``top_folders``: the first part of every path written;
    ``top_files``: the files at the top ("404.html", "brand.css");
    ``own_policies``: top folders whose files have a policy of their own instead
    of BASE_POLICY (``{"admin": editor_policy(…)}``)."""
    rules = [("/*", HEADERS)]
    if own_policies:  # a host sends every rule a path matches: BASE_POLICY by name to all but theirs
        rules = [("/*", {k: v for k, v in HEADERS.items() if k != "Content-Security-Policy"})]
        strict = ["/", *(f"/{name}" for name in sorted(top_files))]
        strict += [f"/{name}/*" for name in sorted(top_folders) if name not in own_policies]
        rules += [(pattern, {"Content-Security-Policy": BASE_POLICY}) for pattern in strict]
        rules += [(f"/{name}/*", {"Content-Security-Policy": own_policies[name]}) for name in sorted(own_policies)]
    framed = [f"/{name}/*" for name in sorted(top_folders) if name not in FRAMEABLE]
    for pattern in ["/", "/index.html", "/404.html", "/embed/", "/embed/index.html", *framed]:
        rules.append((pattern, {"Content-Security-Policy": NO_FRAMING}))
    for name in SHARED:
        rules.append((f"/{name}", {"Access-Control-Allow-Origin": "*"}))
        rules.append((f"/{name}/*", {"Access-Control-Allow-Origin": "*"}))
    rules.append(("/openreferral/*", {"Content-Type": CONTENT_TYPES[".json"]}))
    rules.append(("/feeds/*", {"Content-Type": CONTENT_TYPES[".atom"]}))
    rules.append(("/calendars/*", {"Content-Type": CONTENT_TYPES[".ics"]}))
    return rules


OPEN_REFERRAL_LISTS = ("services", "organizations", "taxonomies", "taxonomy_terms")


def rewrite_rules() -> list[tuple[str, str, str]]:
    """``(from, query, to)`` rewrites (status 200) in the ``_redirects`` format:
    the Open Referral API's own addresses onto the static files."""
    base = "/openreferral"
    rules = [(base, "", f"{base}/index.json"), (f"{base}/", "", f"{base}/index.json")]
    for name in OPEN_REFERRAL_LISTS:
        rules.append((f"{base}/{name}", "page=:page", f"{base}/{name}/page/:page.json"))
        rules.append((f"{base}/{name}", "", f"{base}/{name}/page/1.json"))
        rules.append((f"{base}/{name}/:id", "", f"{base}/{name}/:id.json"))
    return rules
