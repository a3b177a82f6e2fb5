"""The GeoJSON figure of the proposals benchmark: the collection's map endpoint, timed.

Anonymous visitors share a cached document (``proposals.map_views``): the
first request of each case builds it ("first"), the timed ones read it.
The whole collection (every located proposal the anonymous visitor sees), a
box of about a sixteenth of the city (what a zoomed-in map asks for), a
district filter and the two together, each with its queries, features and
bytes.
"""

from __future__ import annotations

import time


def located(n: int) -> dict:
    """A spread, repeatable position in the city's box for proposal ``n`` (every tenth: none)."""
    if n % 10 == 9:
        return {"location": None, "latitude": None, "longitude": None}
    lat = round(50.86 + ((n * 0.6180339887) % 1) * 0.11, 6)
    lon = round(11.51 + ((n * 0.4142135624) % 1) * 0.18, 6)
    return {
        "location": {"type": "Point", "coordinates": [lon, lat]},
        "latitude": lat,
        "longitude": lon,
    }


def geojson_cases(runs: int, collection, districts, timed) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    url = f"/ideen/{collection.pk}/karte.geojson"
    box = "11.58,50.90,11.625,50.93"
    cases = {
        "all": {},
        "box": {"bbox": box},
        "district": {"bezirk": districts[5].slug},
        "box+district": {"bbox": box, "bezirk": districts[5].slug},
    }
    results = []
    for name, params in cases.items():

        def get(params=params):
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code
            return response

        started = time.perf_counter()
        response = get()  # the first: built by the database, then kept for anonymous visitors
        cold_ms = round((time.perf_counter() - started) * 1000, 1)
        with CaptureQueriesContext(connection) as captured:
            get()
        results.append(
            {
                "case": name,
                "features": len(response.json()["features"]),
                "kilobytes": round(len(response.content) / 1024),
                "queries": len(captured.captured_queries),
                "cold_ms": cold_ms,
                **timed(runs, get),
            }
        )
    return results


def report_geojson(cases: list[dict]) -> None:
    print("GeoJSON endpoint (/ideen/<id>/karte.geojson, anonymous):")
    print(
        f"{'case':<13} {'features':>8} {'kB':>6} {'queries':>7} {'first':>9} "
        f"{'median':>9} {'p95':>9}"
    )
    for case in cases:
        print(
            f"{case['case']:<13} {case['features']:>8} {case['kilobytes']:>6} "
            f"{case['queries']:>7} {case['cold_ms']:>6} ms {case['median_ms']:>6} ms "
            f"{case['p95_ms']:>6} ms"
        )
