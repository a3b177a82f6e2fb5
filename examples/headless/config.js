// Where the portal runs. Override with ?api=https://beteiligung.example.org in the address.
const fromAddress = new URLSearchParams(window.location.search).get("api");

export const API_BASE = (fromAddress || "http://127.0.0.1:8000").replace(/\/$/, "");
