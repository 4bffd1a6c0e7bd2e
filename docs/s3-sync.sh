#!/usr/bin/env bash
# Upload a built site to an S3-compatible bucket that a CDN serves (docs/publishing.md).
#
#   docs/s3-sync.sh s3://bucket[/prefix] [output]
#
# For a provider other than AWS, give its endpoint: S3_ENDPOINT=https://… (Cloudflare R2,
# Backblaze B2, MinIO, …). Credentials come from the usual AWS_* variables.
#
# The order is the point: the files pages refer to (styles, scripts, images, then the
# data their scripts fetch) go up first, the pages after them, and only then is anything
# deleted, so nobody is ever served a page whose stylesheet, script or data is not there
# yet, or a page that links to a file already deleted. Each kind of file is uploaded with
# its content type (the table is plugins/directory/hosting.py's, checked by
# tests/test_publishing.py) and a cache lifetime: an hour for the theme's files, whose
# names do not change between builds, five minutes for pages and data, which change with
# every merge and every night.
set -euo pipefail

dest=${1:?give the bucket: docs/s3-sync.sh s3://bucket[/prefix] [output]}
out=${2:-output}
[ -f "$out/index.html" ] || { echo "$out/index.html is missing: build the site first (make publish)" >&2; exit 1; }

ASSET_CACHE="public, max-age=3600"
PAGE_CACHE="public, max-age=300"

# extension|content type|cache lifetime, in upload order
TYPES=(
  ".css|text/css; charset=utf-8|$ASSET_CACHE"
  ".js|text/javascript; charset=utf-8|$ASSET_CACHE"
  ".svg|image/svg+xml|$ASSET_CACHE"
  ".png|image/png|$ASSET_CACHE"
  ".jpg|image/jpeg|$ASSET_CACHE"
  ".ico|image/x-icon|$ASSET_CACHE"
  ".woff2|font/woff2|$ASSET_CACHE"
  ".json|application/json|$PAGE_CACHE"
  ".xml|application/xml|$PAGE_CACHE"
  ".atom|application/atom+xml|$PAGE_CACHE"
  ".ics|text/calendar; charset=utf-8|$PAGE_CACHE"
  ".txt|text/plain; charset=utf-8|$PAGE_CACHE"
  ".yml|text/yaml; charset=utf-8|$PAGE_CACHE"
)
PAGES=".html|text/html; charset=utf-8|$PAGE_CACHE"
# Netlify's and Cloudflare's rule files: the CDN gets these rules its own way
NOT_UPLOADED=(--exclude "_headers" --exclude "_redirects")

s3sync() {
  aws s3 sync "$out/" "$dest" ${S3_ENDPOINT:+--endpoint-url "$S3_ENDPOINT"} \
    --no-progress --only-show-errors "${NOT_UPLOADED[@]}" "$@"
}

upload() { # extension|type|cache
  local extension type cache
  IFS="|" read -r extension type cache <<<"$1"
  s3sync --exclude "*" --include "*$extension" --content-type "$type" --cache-control "$cache"
}

# 1. what pages refer to, one kind at a time
for kind in "${TYPES[@]}"; do
  upload "$kind"
done
# 2. anything of another kind (the host guesses its type)
others=(--exclude "*${PAGES%%|*}")
for kind in "${TYPES[@]}"; do
  others+=(--exclude "*${kind%%|*}")
done
s3sync "${others[@]}" --cache-control "$ASSET_CACHE"
# 3. the pages
upload "$PAGES"
# 4. last, delete what the new build no longer has; --size-only so that this pass
#    only deletes (everything was uploaded above, with its type and lifetime)
s3sync --delete --size-only
