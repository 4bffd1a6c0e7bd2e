"""schema.org JSON-LD for entry pages, built from the model."""

from __future__ import annotations

from ..urls import url_for


def _clean(data: dict) -> dict:
    """Leave out empty values, as schema.org consumers expect."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _address(address) -> dict:
    return _clean(
        {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(p for p in (address.address_1, address.address_2) if p),
            "addressLocality": address.city,
            "addressRegion": address.region,
            "postalCode": address.postal_code,
            "addressCountry": address.country,
        }
    )


def place(location, site_url: str, url: str) -> dict:
    geo = None
    if location.latitude is not None and location.longitude is not None:
        geo = {"@type": "GeoCoordinates", "latitude": location.latitude, "longitude": location.longitude}
    return _clean(
        {
            "@type": "Place",
            "name": location.name,
            "url": site_url + url if url else "",
            "address": _address(location.address),
            "geo": geo,
        }
    )


def organisation(org, site_url: str, url: str) -> dict:
    return _clean(
        {
            "@type": "Organization",
            "name": org.name,
            "description": org.summary,
            "url": org.url or site_url + url,
            "email": org.email,
            "telephone": org.phones[0].number if org.phones else "",
            "identifier": [i["identifier"] for i in org.identifiers],
        }
    )


def service(svc, org, locations, categories, site_url: str, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": svc.name,
        "description": svc.summary,
        "url": site_url + url,
        "serviceType": [t.name for t in categories],
        "provider": organisation(org, site_url, url_for(org)) if org else None,
        "availableChannel": [
            _clean({"@type": "ServiceChannel", "serviceLocation": place(loc, site_url, "")}) for loc in locations
        ],
        "email": svc.email,
        "telephone": svc.phones[0].number if svc.phones else "",
    }
    return _clean(data)


def organisation_page(org, site_url: str, url: str) -> dict:
    return {"@context": "https://schema.org", **organisation(org, site_url, url)}


def place_page(location, site_url: str, url: str) -> dict:
    return {"@context": "https://schema.org", **place(location, site_url, url)}


def consultation_page(c, org, site_url: str, url: str) -> dict:
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": c.title,
            "description": c.summary,
            "url": site_url + url,
            "datePublished": c.opens.isoformat(),
            "expires": c.closes.isoformat(),
            "publisher": organisation(org, site_url, url_for(org)) if org else None,
        }
    )
