// Idea collections (Ideensammlungen): a project's collections, a collection's proposals with
// filters, order and "more", one proposal with its official answer, and supporting it.
// What the visitor may do comes from the API (can_support, support_refusal), never guessed.
import { request } from "./api.js";
import { announce, formatDate, h, problemBox, viewFor } from "./ui.js";

const SORTS = [
  ["random", "Zufällig (fair für jeden Vorschlag)"],
  ["newest", "Neueste zuerst"],
  ["most_supported", "Meiste Unterstützung zuerst"],
];
const STATES = [
  ["eingereicht", "Eingereicht"],
  ["in_pruefung", "In Prüfung"],
  ["umsetzbar", "Umsetzbar"],
  ["nicht_umsetzbar", "Nicht umsetzbar"],
  ["umgesetzt", "Umgesetzt"],
];

function supportCount(count) {
  return count === 1 ? "1 Unterstützung" : `${count} Unterstützungen`;
}

// On a project's page: links to its idea collections (nothing if it has none).
export function ideaCollections(projectId) {
  const section = h("section", { class: "ideas", "aria-labelledby": "ideensammlungen" });
  request(`/api/v1/proposals/collections?project=${projectId}`)
    .then(({ data }) => {
      if (!data.collections.length) return;
      section.append(
        h("h2", { id: "ideensammlungen" }, "Ideensammlungen"),
        h(
          "ul",
          {},
          data.collections.map((collection) =>
            h("li", {}, h("a", { href: `#/ideen/${collection.id}` }, collection.title), collection.open_for_proposals ? " (Vorschläge möglich)" : ""),
          ),
        ),
      );
    })
    .catch((error) => section.append(problemBox(error)));
  return section;
}

function select(id, label, name, options, value, emptyLabel) {
  return [
    h("label", { for: id }, label),
    h(
      "select",
      { id, name },
      emptyLabel ? h("option", { value: "" }, emptyLabel) : null,
      options.map(([optionValue, text]) => h("option", { value: optionValue, selected: optionValue === value }, text)),
    ),
  ];
}

// The filters are a GET form in the address (#/ideen/3?sort=...&category=...), so a filtered
// list can be bookmarked and the browser's back button works.
function filterForm(collection, params) {
  const form = h(
    "form",
    { class: "filters", "aria-label": "Vorschläge filtern" },
    select("ideen-sortierung", "Reihenfolge", "sort", SORTS, params.get("sort") || "random"),
    collection.categories.length
      ? select("ideen-kategorie", "Kategorie", "category", collection.categories.map((c) => [c.slug, c.name]), params.get("category") || "", "Alle Kategorien")
      : null,
    select("ideen-status", "Stand", "state", STATES, params.get("state") || "", "Alle Stände"),
    select("ideen-bezirk", "Stadtteil", "district", collection.districts.map((d) => [d.slug, d.name]), params.get("district") || "", "Alle Stadtteile"),
    h("button", { type: "submit" }, "Anzeigen"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) query.set(name, value);
    window.location.hash = `#/ideen/${collection.id}?${query}`;
  });
  return form;
}

function proposalCard(proposal) {
  return h(
    "li",
    { class: "card" },
    h("h3", {}, h("a", { href: `#/vorschlag/${proposal.id}` }, proposal.title)),
    h(
      "p",
      { class: "meta" },
      [proposal.category?.name, proposal.district?.name, proposal.state_label].filter(Boolean).join(" · "),
      proposal.withdrawn ? " · zurückgezogen" : "",
      proposal.moderation === "pending" ? " · wird noch geprüft" : "",
    ),
    h("p", {}, supportCount(proposal.support_count), proposal.reached ? " – Schwelle erreicht" : ""),
  );
}

export async function collectionPage(id, params) {
  const show = viewFor();
  const { data: collection } = await request(`/api/v1/proposals/collections/${id}`);
  const query = new URLSearchParams();
  for (const name of ["sort", "category", "state", "district"]) if (params.get(name)) query.set(name, params.get(name));
  const list = h("ul", { class: "cards", id: "vorschlaege" });
  const more = h("div");
  const loadPage = async (cursor, seed) => {
    const pageQuery = new URLSearchParams(query);
    if (cursor) pageQuery.set("cursor", cursor);
    if (seed) pageQuery.set("seed", seed);
    const { data } = await request(`/api/v1/proposals/collections/${id}/proposals?${pageQuery}`);
    const items = data.proposals.map(proposalCard);
    list.append(...items);
    if (cursor && items.length) items[0].querySelector("a").focus();
    more.replaceChildren();
    if (data.next_cursor) {
      const button = h("button", { type: "button" }, "Weitere Vorschläge");
      button.addEventListener("click", () => loadPage(data.next_cursor, data.seed).catch((error) => more.replaceChildren(problemBox(error))));
      more.append(button);
    } else if (!cursor && !items.length) {
      list.replaceWith(h("p", {}, "Keine Vorschläge gefunden."));
    }
  };
  show(
    collection.title,
    h("p", {}, h("a", { href: `#/projekt/${collection.project.id}` }, `Zum Projekt „${collection.project.title}“`)),
    collection.intro ? h("p", { class: "teaser" }, collection.intro) : null,
    h(
      "p",
      { class: "meta" },
      `Vorschläge vom ${formatDate(collection.submissions_start)} bis ${formatDate(collection.submissions_end)}, `,
      `Unterstützung bis ${formatDate(collection.supports_until)}.`,
    ),
    collection.can_submit ? null : h("p", { class: "notice" }, collection.submit_refusal),
    filterForm(collection, params),
    h("h2", {}, "Vorschläge"),
    list,
    more,
  );
  await loadPage(null, params.get("seed"));
}

function answerSection(proposal) {
  if (!proposal.answer) return null;
  const answer = proposal.answer;
  return h(
    "section",
    { class: "official", "aria-labelledby": "antwort" },
    h("h2", { id: "antwort" }, "Offizielle Antwort der Stadt"),
    h("p", { class: "meta" }, `${answer.state_label} – ${answer.office}, `, h("time", { datetime: answer.created_at }, formatDate(answer.created_at))),
    answer.text ? h("p", {}, answer.text) : null,
    proposal.answers.length > 1
      ? h(
          "details",
          {},
          h("summary", {}, "Bisherige Antworten"),
          h(
            "ol",
            {},
            proposal.answers.map((item) =>
              h("li", {}, h("time", { datetime: item.created_at }, formatDate(item.created_at)), `: ${item.state_label} (${item.office})`, item.text ? ` – ${item.text}` : ""),
            ),
          ),
        )
      : null,
  );
}

function supportSection(proposal) {
  const errors = h("div");
  const count = h("p", { id: "unterstuetzungen" }, supportCount(proposal.support_count), proposal.reached ? " – Schwelle erreicht" : "");
  const parts = [h("h2", { id: "unterstuetzen" }, "Unterstützen"), count, errors];
  if (proposal.can_support || proposal.can_unsupport) {
    const button = h("button", { type: "button", "aria-pressed": String(proposal.supported_by_me), "aria-describedby": "unterstuetzungen" }, "Vorschlag unterstützen");
    button.addEventListener("click", async () => {
      const supported = button.getAttribute("aria-pressed") === "true";
      try {
        const { data } = await request(`/api/v1/proposals/${proposal.id}/support`, { method: supported ? "DELETE" : "PUT" });
        button.setAttribute("aria-pressed", String(data.supported_by_me));
        count.textContent = supportCount(data.support_count) + (data.reached ? " – Schwelle erreicht" : "");
        errors.replaceChildren();
        announce(data.supported_by_me ? "Sie unterstützen diesen Vorschlag." : "Sie unterstützen diesen Vorschlag nicht mehr.");
      } catch (error) {
        errors.replaceChildren(problemBox(error));
      }
    });
    parts.push(button);
  } else if (proposal.support_refusal) {
    parts.push(h("p", {}, proposal.support_refusal, " ", proposal.support_refusal_code === "not_authenticated" ? h("a", { href: "#/konto" }, "Anmelden") : null));
  }
  return h("section", { "aria-labelledby": "unterstuetzen" }, parts);
}

export async function proposalPage(id) {
  const show = viewFor();
  const { data: proposal } = await request(`/api/v1/proposals/${id}`);
  show(
    proposal.title,
    h("p", {}, h("a", { href: `#/ideen/${proposal.collection_id}` }, "Zur Ideensammlung")),
    h(
      "p",
      { class: "meta" },
      [proposal.category?.name, proposal.district?.name, proposal.state_label].filter(Boolean).join(" · "),
      ` · eingereicht am ${formatDate(proposal.created_at)}`,
    ),
    proposal.withdrawn ? h("p", { class: "notice" }, `Zurückgezogen am ${formatDate(proposal.withdrawn_at)}.`) : null,
    proposal.moderation === "pending" ? h("p", { class: "notice" }, "Ihr Vorschlag wird noch geprüft.") : null,
    h("div", { class: "rich-text", html: proposal.description_html }),
    answerSection(proposal),
    supportSection(proposal),
  );
}
