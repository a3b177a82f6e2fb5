// The proposals map and the location picker (Leaflet, vendored in static/vendor/leaflet).
// Progressive enhancement only: without this file the list and the form fields do everything.
// Nothing is fetched from the tile server before the visitor presses "Karte laden".
"use strict";

(() => {
    if (typeof L === "undefined") return;

    function cityBounds(element) {
        const [south, west, north, east] = element.dataset.bounds.split(",").map(Number);
        return L.latLngBounds([south, west], [north, east]);
    }

    // Shows the load button; on its press, swaps the notice for the map and calls start(map).
    function withConsent(element, canvasSelector, start) {
        const consent = element.querySelector(".map-consent");
        const button = consent.querySelector(".map-consent__load");
        const canvas = element.querySelector(canvasSelector);
        consent.querySelector(".map-consent__nojs").hidden = true;
        button.hidden = false;
        button.addEventListener("click", () => {
            consent.hidden = true;
            canvas.hidden = false;
            const map = L.map(canvas, {
                zoomControl: false,
                maxBounds: cityBounds(element).pad(0.5),
                minZoom: 11,
            });
            L.control.zoom({
                zoomInTitle: element.dataset.zoomIn,
                zoomOutTitle: element.dataset.zoomOut,
            }).addTo(map);
            map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
            L.tileLayer(element.dataset.tiles, {
                attribution: element.dataset.attribution,
                maxZoom: 19,
            }).addTo(map);
            start(map, canvas);
        });
    }

    // The same point-in-polygon test as participation/geo.py (ray casting, holes, MultiPolygons).
    function inRing(lon, lat, ring) {
        let inside = false;
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const [x1, y1] = ring[j];
            const [x2, y2] = ring[i];
            if ((y1 > lat) !== (y2 > lat) && lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1)) {
                inside = !inside;
            }
        }
        return inside;
    }

    function areaContains(geometry, lon, lat) {
        const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
        return polygons.some(([outer, ...holes]) => inRing(lon, lat, outer)
            && !holes.some((hole) => inRing(lon, lat, hole)));
    }

    // The collection's map: one focusable marker per proposal, announced with its title.
    document.querySelectorAll("[data-proposals-map]").forEach((element) => {
        withConsent(element, ".proposals-map__canvas", (map, canvas) => {
            canvas.setAttribute("role", "region");
            canvas.setAttribute("aria-label", element.dataset.label);
            map.fitBounds(cityBounds(element));
            fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
                .then((response) => response.json())
                .then((collection) => {
                    const markers = collection.features.map((feature) => {
                        const [lon, lat] = feature.geometry.coordinates;
                        const { title, url } = feature.properties;
                        const marker = L.marker([lat, lon], { title, alt: title, keyboard: true });
                        const link = document.createElement("a");
                        link.href = url;
                        link.textContent = title;
                        return marker.bindPopup(link);
                    });
                    if (markers.length) {
                        const group = L.featureGroup(markers).addTo(map);
                        map.fitBounds(group.getBounds().pad(0.2), { maxZoom: 15 });
                    }
                });
            canvas.focus();
        });
    });

    // The project list's districts: outlines, each a link to the list filtered by it. The SVG
    // is hidden from screen readers: the list of district links beside it says the same.
    document.querySelectorAll("[data-district-map]").forEach((element) => {
        const data = JSON.parse(document.getElementById(element.dataset.source).textContent);
        withConsent(element, ".district-map__canvas", (map, canvas) => {
            canvas.setAttribute("role", "region");
            canvas.setAttribute("aria-label", element.dataset.label);
            const areas = L.geoJSON(data, {
                style: { color: "#0a4f8f", weight: 2, fillOpacity: 0.12 },
                onEachFeature: (feature, layer) => {
                    layer.bindTooltip(feature.properties.label);
                    layer.on("click", () => { window.location.href = feature.properties.url; });
                },
            }).addTo(map);
            map.fitBounds(areas.getBounds());
            map.getPanes().overlayPane.querySelectorAll("svg")
                .forEach((svg) => svg.setAttribute("aria-hidden", "true"));
            canvas.focus();
        });
    });

    // The picker: the marker stays in the middle of the map; arrow keys (Leaflet's keyboard
    // panning) and clicks move the map under it, and the latitude/longitude fields follow.
    document.querySelectorAll("[data-location-picker]").forEach((element) => {
        const latitude = element.querySelector("input[name=latitude]");
        const longitude = element.querySelector("input[name=longitude]");
        const live = element.querySelector(".location-picker__position");
        const help = element.querySelector(".location-picker__help");
        const district = element.querySelector("select[name=district]");
        const areasData = document.getElementById("district-areas");
        const areas = areasData ? JSON.parse(areasData.textContent) : [];
        if (!latitude || !longitude) return;

        withConsent(element, ".location-picker__canvas", (map, canvas) => {
            canvas.setAttribute("role", "application");
            canvas.setAttribute("aria-label", element.dataset.label);
            canvas.setAttribute("aria-describedby", help.id);
            help.hidden = false;
            const given = latitude.value && longitude.value;
            const start = given
                ? L.latLng(Number(latitude.value), Number(longitude.value))
                : cityBounds(element).getCenter();
            map.setView(start, given ? 17 : 14);
            const marker = L.marker(start, {
                keyboard: false,
                interactive: false,
                alt: element.dataset.markerAlt,
            }).addTo(map);

            const show = (position) => {
                latitude.value = position.lat.toFixed(6);
                longitude.value = position.lng.toFixed(6);
                let text = element.dataset.positionText
                    .replace("{lat}", position.lat.toFixed(5))
                    .replace("{lon}", position.lng.toFixed(5));
                // The server sets the district from the point; the select shows it beforehand.
                const area = areas.find((candidate) => areaContains(
                    candidate.boundary, position.lng, position.lat));
                if (area && district) {
                    district.value = String(area.id);
                    text += " " + element.dataset.districtText.replace("{district}", area.name);
                }
                live.textContent = text;
            };
            map.on("move", () => marker.setLatLng(map.getCenter()));
            // Only a move by the visitor sets the fields: loading the map marks no place.
            map.on("moveend", () => { if (map.userMoved) show(map.getCenter()); });
            canvas.addEventListener("keydown", () => { map.userMoved = true; });
            map.on("dragstart", () => { map.userMoved = true; });
            map.on("click", (event) => {
                map.userMoved = true;
                map.panTo(event.latlng);
            });
            const typed = () => {
                const lat = Number(latitude.value);
                const lon = Number(longitude.value);
                if (latitude.value && longitude.value && Number.isFinite(lat) && Number.isFinite(lon)) {
                    map.userMoved = false;
                    map.setView([lat, lon]);
                }
            };
            latitude.addEventListener("change", typed);
            longitude.addEventListener("change", typed);
            canvas.focus();
        });
    });
})();
