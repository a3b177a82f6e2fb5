// Reference client for the Beteiligungsportal's public API: projects, a project with its
// body, poll, idea collections (proposals.js) and discussion, search, and a citizen account. Plain ES modules, no build step.
import { API_BASE } from "./config.js";
import { accountRequest, prepareSession, Problem, request } from "./api.js";
import { collectionPage, ideaCollections, proposalPage } from "./proposals.js";
import { announce, formatDate, h, problemBox, startNavigation, viewFor } from "./ui.js";

const main = document.getElementById("inhalt");
const accountLink = document.getElementById("konto-link");
let currentUser = null;
// Settled once the portal has said who is signed in (the discussion's buttons depend on it).
let userKnown = null;

// --- Projects
async function projectList() {
  const show = viewFor();
  const fields = "teaser,status,department,hero_image,comment_count";
  const { data } = await request(`/api/v2/pages/?type=pages.ProjectPage&fields=${fields}&limit=50`);
  const items = data.items.map((project) =>
    h(
      "li",
      { class: "card" },
      project.hero_image
        ? h("img", {
            src: project.hero_image.renditions.thumbnail.url,
            alt: project.hero_image.alt,
            width: project.hero_image.renditions.thumbnail.width,
            height: project.hero_image.renditions.thumbnail.height,
          })
        : null,
      h("h2", {}, h("a", { href: `#/projekt/${project.id}` }, project.title)),
      h("p", { class: "badge" }, project.status.label),
      h("p", {}, project.teaser),
      h("p", { class: "meta" }, `${project.department?.name ?? ""} · ${project.comment_count} Beiträge`),
    ),
  );
  show("Beteiligungsprojekte", h("p", {}, `${data.meta.total_count} Projekte`), h("ul", { class: "cards" }, items));
}

function block(item) {
  const value = item.value;
  switch (item.type) {
    case "heading":
      return h(value.level === "h3" ? "h3" : "h2", {}, value.text);
    case "paragraph":
      return h("div", { class: "rich-text", html: value });
    case "image":
      return h(
        "figure",
        {},
        h("img", {
          src: value.image.renditions.medium.url,
          alt: value.image.alt,
          width: value.image.renditions.medium.width,
          height: value.image.renditions.medium.height,
        }),
        value.caption || value.credit ? h("figcaption", {}, [value.caption, value.credit].filter(Boolean).join(" – ")) : null,
      );
    case "quote":
      return h("figure", {}, h("blockquote", {}, value.text), value.attribution ? h("figcaption", {}, value.attribution) : null);
    case "embed":
      return h("p", {}, h("a", { href: value.url }, `${value.title} (externer Inhalt)`));
    case "document":
      return h(
        "p",
        {},
        h("a", { href: value.document.url }, `${value.title} (${value.document.file_type.toUpperCase()})`),
        value.description ? ` – ${value.description}` : "",
      );
    case "call_to_action":
      return h("aside", { class: "cta" }, h("h2", {}, value.heading), value.text ? h("p", {}, value.text) : null, value.url ? h("a", { href: value.url }, value.link_label) : null);
    case "faq":
      return h("section", {}, h("h2", {}, value.heading || "Häufige Fragen"), value.items.map((entry) => h("details", {}, h("summary", {}, entry.question), h("div", { html: entry.answer }))));
    case "poll":
      return pollSection(value.id);
    default:
      return null;
  }
}

async function projectPage(id) {
  const show = viewFor();
  const { data: project } = await request(`/api/v2/pages/${id}/`);
  const phases = project.phases.map((phase) =>
    h(
      "li",
      { "aria-current": phase.is_current ? "step" : null },
      `${phase.title}: ${formatDate(phase.start_date)} bis ${formatDate(phase.end_date)}`,
      phase.is_current ? " (aktuelle Phase)" : "",
    ),
  );
  show(
    project.title,
    h("p", { class: "badge" }, project.status.label),
    h("p", { class: "teaser" }, project.teaser),
    h("section", { "aria-labelledby": "phasen" }, h("h2", { id: "phasen" }, "Ablauf"), h("ol", {}, phases)),
    h("div", { class: "body" }, project.body.map(block)),
    ideaCollections(project.id),
    commentsSection(project),
  );
}

// --- Poll: read, vote, change one's ballot, results
function pollSection(pollId) {
  const section = h("section", { class: "poll", id: `umfrage-${pollId}`, "aria-labelledby": `umfrage-${pollId}-titel` }, h("p", {}, "Umfrage wird geladen …"));
  loadPoll(section, pollId);
  return section;
}

async function loadPoll(section, pollId, { focus = false } = {}) {
  await prepareSession();
  const { data: poll } = await request(`/api/v1/polls/${pollId}`);
  const heading = h("h2", { id: `umfrage-${pollId}-titel`, tabindex: "-1" }, poll.title);
  const parts = [heading, poll.description ? h("p", {}, poll.description) : null];
  if (poll.can_vote) parts.push(pollForm(section, poll));
  else if (poll.ballot) parts.push(ownBallot(section, poll));
  if (poll.results) parts.push(pollResults(poll));
  section.replaceChildren(...parts);
  if (focus) heading.focus();
}

function questionFields(question) {
  const name = `frage-${question.id}`;
  const legend = h("legend", {}, question.text, question.required ? " (Pflichtfeld)" : "");
  if (question.kind === "text") {
    return h("fieldset", {}, legend, h("label", { for: name }, "Ihre Antwort"), h("textarea", { id: name, name, maxlength: question.max_length, rows: 3 }));
  }
  const options =
    question.kind === "rating"
      ? Array.from({ length: question.scale_max - question.scale_min + 1 }, (_, index) => {
          const value = question.scale_min + index;
          const label = value === question.scale_min && question.scale_min_label ? `${value} (${question.scale_min_label})` : value === question.scale_max && question.scale_max_label ? `${value} (${question.scale_max_label})` : String(value);
          return { value, label };
        })
      : question.choices.map((choice) => ({ value: choice.id, label: choice.label }));
  const type = question.kind === "multiple" ? "checkbox" : "radio";
  return h(
    "fieldset",
    {},
    legend,
    options.map((option) => {
      const id = `${name}-${option.value}`;
      return h("div", { class: "option" }, h("input", { type, id, name, value: option.value }), h("label", { for: id }, option.label));
    }),
  );
}

function ballotFrom(form, poll) {
  return poll.questions
    .map((question) => {
      const name = `frage-${question.id}`;
      if (question.kind === "text") {
        const text = form.elements[name].value.trim();
        return text ? { question: question.id, text } : null;
      }
      const checked = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => Number(input.value));
      if (!checked.length) return null;
      return question.kind === "rating" ? { question: question.id, rating: checked[0] } : { question: question.id, choices: checked };
    })
    .filter(Boolean);
}

// The form casts a new ballot, or (given the visitor's ballot) replaces its answers.
function pollForm(section, poll, { ballot = null, onCancel = null } = {}) {
  const errors = h("div");
  const form = h(
    "form",
    { novalidate: true, "aria-label": ballot ? "Stimme ändern" : null },
    errors,
    poll.questions.map(questionFields),
    h("button", { type: "submit" }, ballot ? "Änderung speichern" : "Abstimmen"),
    onCancel ? [" ", h("button", { type: "button", class: "secondary", onclick: onCancel }, "Abbrechen")] : null,
  );
  if (ballot) fillBallot(form, ballot);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await request(`/api/v1/polls/${poll.id}/ballot`, { method: ballot ? "PUT" : "POST", body: { answers: ballotFrom(form, poll) } });
      announce(ballot ? "Ihre Stimme wurde geändert." : "Ihre Stimme wurde gezählt.");
      await loadPoll(section, poll.id, { focus: true });
    } catch (error) {
      errors.replaceChildren(problemBox(error));
    }
  });
  return form;
}

function fillBallot(form, ballot) {
  for (const answer of ballot.answers) {
    const name = `frage-${answer.question}`;
    if (answer.text !== null && answer.text !== undefined) form.elements[name].value = answer.text;
    for (const value of answer.rating !== null && answer.rating !== undefined ? [answer.rating] : answer.choices) {
      const input = form.querySelector(`input[name="${name}"][value="${value}"]`);
      if (input) input.checked = true;
    }
  }
}

function answerText(question, answer) {
  if (!answer) return "keine Antwort";
  if (question.kind === "text") return answer.text || "keine Antwort";
  if (question.kind === "rating") return String(answer.rating);
  const labels = Object.fromEntries(question.choices.map((choice) => [choice.id, choice.label]));
  return answer.choices.map((id) => labels[id]).join(", ");
}

// The visitor's own answers, and the way to change them where the poll allows it.
function ownBallot(section, poll) {
  const byQuestion = Object.fromEntries(poll.ballot.answers.map((answer) => [answer.question, answer]));
  const box = h(
    "div",
    { class: "own-ballot" },
    h("p", { class: "success" }, "Vielen Dank, Ihre Stimme ist gezählt."),
    h("h3", {}, "Ihre Antworten"),
    h("dl", {}, poll.questions.flatMap((question) => [h("dt", {}, question.text), h("dd", {}, answerText(question, byQuestion[question.id]))])),
  );
  if (poll.can_change_ballot) {
    const change = h("button", { type: "button" }, "Stimme ändern");
    change.addEventListener("click", () => {
      const form = pollForm(section, poll, {
        ballot: poll.ballot,
        onCancel: () => {
          form.replaceWith(change);
          change.focus();
        },
      });
      change.replaceWith(form);
      form.querySelector("input, textarea, button").focus();
    });
    box.append(change);
  } else if (!poll.allow_ballot_change) {
    box.append(h("p", {}, "In dieser Umfrage kann eine Stimme nicht geändert werden."));
  }
  return box;
}

function pollResults(poll) {
  const byId = Object.fromEntries(poll.questions.map((question) => [question.id, question]));
  return h(
    "section",
    { class: "results", "aria-label": "Ergebnisse" },
    h("h3", {}, `Ergebnisse (${poll.results.ballots} Stimmen)`),
    poll.results.questions.map((result) =>
      h(
        "div",
        {},
        h("h4", {}, byId[result.question]?.text ?? ""),
        result.options.length
          ? h("ul", {}, result.options.map((option) => h("li", {}, `${option.label}: ${option.count} Stimmen (${option.percent.toLocaleString("de-DE")} %)`)))
          : h("p", {}, `${result.text_count} Textantworten`),
      ),
    ),
  );
}

// --- Discussion: read; after signing in write, reply, support, report, edit one's own
const REPORT_REASONS = [
  ["spam", "Spam oder Werbung"],
  ["insult", "Beleidigung oder Diskriminierung"],
  ["off_topic", "Gehört nicht zum Thema"],
  ["other", "Anderer Grund"],
];

function commentsSection(project) {
  const section = h("section", { class: "comments", "aria-labelledby": "diskussion" }, h("h2", { id: "diskussion", tabindex: "-1" }, "Diskussion"));
  loadComments(section, project.id);
  return section;
}

function supportText(count) {
  return count === 1 ? "1 Unterstützung" : `${count} Unterstützungen`;
}

function formatTime(value) {
  return new Date(value).toLocaleTimeString("de-DE", { hour: "2-digit", minute: "2-digit" });
}

// One comment with the actions the API allows the visitor; `thread.reload(id)` shows the
// discussion again and puts the focus on comment `id`.
function commentItem(comment, thread) {
  const author = comment.author?.name ?? "Gelöscht";
  const published = comment.state === "published";
  const errors = h("div");
  const panel = h("div", { class: "panel" });
  const supports = h("p", { class: "meta" }, supportText(comment.support_count));
  const buttons = [];
  // One form at a time below the comment; closing it returns the focus to its button.
  const openPanel = (button, makeForm) => {
    const close = () => {
      panel.replaceChildren();
      button.focus();
    };
    const form = makeForm(close);
    errors.replaceChildren();
    panel.replaceChildren(form);
    form.querySelector("input, textarea, button").focus();
  };
  if (comment.can_support) {
    const support = h("button", { type: "button", "aria-pressed": String(comment.supported_by_me) }, "Unterstützen", h("span", { class: "visually-hidden" }, ` den Beitrag von ${author}`));
    support.addEventListener("click", () => toggleSupport(comment, support, supports, errors));
    buttons.push(support);
  }
  if (comment.can_reply) {
    const reply = h("button", { type: "button" }, "Antworten", h("span", { class: "visually-hidden" }, ` auf den Beitrag von ${author}`));
    reply.addEventListener("click", () => openPanel(reply, (close) => replyForm(comment, author, thread, close)));
    buttons.push(reply);
  }
  if (comment.is_mine && comment.editable_until) {
    const edit = h("button", { type: "button" }, "Bearbeiten", h("span", { class: "visually-hidden" }, " Ihren Beitrag"));
    edit.addEventListener("click", () => openPanel(edit, (close) => editForm(comment, thread, close)));
    buttons.push(edit);
  }
  if (comment.can_delete) {
    const remove = h("button", { type: "button", class: "secondary" }, "Löschen", h("span", { class: "visually-hidden" }, " Ihren Beitrag"));
    remove.addEventListener("click", () => openPanel(remove, (close) => deleteForm(comment, thread, close)));
    buttons.push(remove);
  }
  if (comment.can_report) {
    const report = h("button", { type: "button", class: "secondary" }, "Melden", h("span", { class: "visually-hidden" }, ` den Beitrag von ${author}`));
    report.addEventListener("click", () => openPanel(report, (close) => reportForm(comment, author, panel, close)));
    buttons.push(report);
  }
  return h(
    "li",
    { class: "comment" },
    h(
      "article",
      { id: `beitrag-${comment.id}`, tabindex: "-1", "aria-label": `Beitrag von ${author}` },
      h("p", { class: "meta" }, `${author} am ${formatDate(comment.created_at)}`, comment.is_official ? " (offizielle Antwort)" : "", comment.edited_at ? " (bearbeitet)" : ""),
      comment.body_html ? h("div", { html: comment.body_html }) : h("p", {}, comment.placeholder),
      published ? supports : null,
      buttons.length ? h("div", { class: "actions" }, buttons) : null,
      errors,
      panel,
    ),
    comment.replies?.length ? h("ul", {}, comment.replies.map((reply) => commentItem(reply, thread))) : null,
  );
}

async function toggleSupport(comment, button, supports, errors) {
  const supported = button.getAttribute("aria-pressed") === "true";
  try {
    const { data } = await request(`/api/v1/comments/${comment.id}/support`, { method: supported ? "DELETE" : "PUT" });
    button.setAttribute("aria-pressed", String(data.supported_by_me));
    supports.textContent = supportText(data.support_count);
    errors.replaceChildren();
    announce(data.supported_by_me ? "Sie unterstützen diesen Beitrag." : "Sie unterstützen diesen Beitrag nicht mehr.");
  } catch (error) {
    errors.replaceChildren(problemBox(error));
  }
}

// A form below a comment; Abbrechen or the Escape key closes it.
function panelForm({ label, fields, submitLabel, onSubmit, onCancel }) {
  const errors = h("div");
  const form = h(
    "form",
    { "aria-label": label, novalidate: true },
    errors,
    fields,
    h("button", { type: "submit" }, submitLabel),
    " ",
    h("button", { type: "button", class: "secondary", onclick: onCancel }, "Abbrechen"),
  );
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") onCancel();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await onSubmit(form);
    } catch (error) {
      errors.replaceChildren(problemBox(error));
    }
  });
  return form;
}

function replyForm(comment, author, thread, onCancel) {
  const id = `antwort-auf-${comment.id}`;
  return panelForm({
    label: `Antwort auf den Beitrag von ${author}`,
    fields: [h("label", { for: id }, "Ihre Antwort"), h("textarea", { id, name: "body", rows: 3, required: true })],
    submitLabel: "Antwort veröffentlichen",
    onCancel,
    onSubmit: async (form) => {
      const { data } = await request(`/api/v1/comments/${comment.id}/replies`, { method: "POST", body: { body: form.elements.body.value } });
      announce(data.state === "published" ? "Ihre Antwort wurde veröffentlicht." : "Ihre Antwort wird vor der Veröffentlichung geprüft.");
      await thread.reload(data.id);
    },
  });
}

function editForm(comment, thread, onCancel) {
  const id = `bearbeiten-${comment.id}`;
  return panelForm({
    label: "Ihren Beitrag bearbeiten",
    fields: [
      h("label", { for: id }, "Ihr Beitrag"),
      h("p", { id: `${id}-hinweis`, class: "meta" }, `Sie können Ihren Beitrag bis ${formatTime(comment.editable_until)} Uhr bearbeiten.`),
      h("textarea", { id, name: "body", rows: 4, required: true, "aria-describedby": `${id}-hinweis` }, comment.body),
    ],
    submitLabel: "Änderung speichern",
    onCancel,
    onSubmit: async (form) => {
      await request(`/api/v1/comments/${comment.id}`, { method: "PATCH", body: { body: form.elements.body.value } });
      announce("Ihr Beitrag wurde geändert.");
      await thread.reload(comment.id);
    },
  });
}

// Asks first: deleting cannot be undone. Replies by others stay, below a placeholder.
function deleteForm(comment, thread, onCancel) {
  return panelForm({
    label: "Ihren Beitrag löschen",
    fields: [h("p", {}, "Möchten Sie Ihren Beitrag wirklich löschen? Das lässt sich nicht rückgängig machen; Antworten anderer bleiben lesbar.")],
    submitLabel: "Beitrag löschen",
    onCancel,
    onSubmit: async () => {
      await request(`/api/v1/comments/${comment.id}`, { method: "DELETE" });
      announce("Ihr Beitrag wurde gelöscht.");
      await thread.reload(comment.id);
    },
  });
}

function reportForm(comment, author, panel, onCancel) {
  const id = `meldung-${comment.id}`;
  return panelForm({
    label: `Den Beitrag von ${author} melden`,
    fields: [
      h(
        "fieldset",
        {},
        h("legend", {}, "Grund der Meldung"),
        REPORT_REASONS.map(([value, label]) => h("div", { class: "option" }, h("input", { type: "radio", id: `${id}-${value}`, name: "reason", value }), h("label", { for: `${id}-${value}` }, label))),
      ),
      h("label", { for: `${id}-angaben` }, "Weitere Angaben (freiwillig)"),
      h("textarea", { id: `${id}-angaben`, name: "details", rows: 3, maxlength: 1000 }),
    ],
    submitLabel: "Meldung absenden",
    onCancel,
    onSubmit: async (form) => {
      const reason = form.elements.reason.value;
      if (!reason) throw new Problem({ detail: "Bitte wählen Sie einen Grund." });
      await request(`/api/v1/comments/${comment.id}/reports`, { method: "POST", body: { reason, details: form.elements.details.value } });
      const thanks = h("p", { class: "success", tabindex: "-1" }, "Vielen Dank für Ihre Meldung. Die Moderation sieht sich den Beitrag an.");
      panel.replaceChildren(thanks);
      thanks.focus();
      announce("Vielen Dank für Ihre Meldung.");
    },
  });
}

async function loadComments(section, pageId, focusId = null) {
  await userKnown;
  const { data } = await request(`/api/v1/comments/pages/${pageId}`);
  const thread = { reload: (id) => loadComments(section, pageId, id) };
  const heading = section.querySelector("h2");
  const parts = [heading, h("p", {}, `${data.comment_count} Beiträge`)];
  parts.push(h("ul", { class: "thread" }, [...data.pinned, ...data.comments].map((comment) => commentItem(comment, thread))));
  if (data.own_pending.length) parts.push(h("p", {}, "Ihr Beitrag wird vor der Veröffentlichung geprüft."));
  if (data.discussion.can_post) parts.push(commentForm(section, pageId));
  else parts.push(h("p", {}, data.discussion.refusal || "", " ", currentUser ? "" : h("a", { href: "#/konto" }, "Zum Anmelden")));
  section.replaceChildren(...parts);
  if (focusId !== null) (section.querySelector(`#beitrag-${focusId}`) || heading).focus();
}

function commentForm(section, pageId) {
  const errors = h("div");
  const form = h(
    "form",
    {},
    errors,
    h("label", { for: "neuer-beitrag" }, "Ihr Beitrag"),
    h("textarea", { id: "neuer-beitrag", name: "body", rows: 4, required: true }),
    h("button", { type: "submit" }, "Beitrag veröffentlichen"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const { data } = await request(`/api/v1/comments/pages/${pageId}`, { method: "POST", body: { body: form.elements.body.value } });
      announce("Ihr Beitrag wurde gespeichert.");
      await loadComments(section, pageId, data.id);
    } catch (error) {
      errors.replaceChildren(problemBox(error));
    }
  });
  return form;
}

// --- Search
async function searchPage(query) {
  const show = viewFor();
  const form = h(
    "form",
    { role: "search" },
    h("label", { for: "suchbegriff" }, "Suchbegriff"),
    h("input", { id: "suchbegriff", name: "q", type: "search", value: query }),
    h("button", { type: "submit" }, "Suchen"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.location.hash = `#/suche?q=${encodeURIComponent(form.elements.q.value)}`;
  });
  show("Suche", form);
  if (!query) return;
  try {
    const { data } = await request(`/api/v1/search/?q=${encodeURIComponent(query)}`);
    const hits = data.hits.map((hit) => {
      const href = hit.project ? `#/projekt/${hit.project.id}` : hit.url;
      // title_highlight and excerpt are escaped HTML with <mark> around the matches.
      return h("li", {}, h("h2", {}, h("a", { href, html: hit.title_highlight })), h("p", { class: "meta" }, hit.type_label), h("p", { html: hit.excerpt }));
    });
    main.append(h("p", {}, `${data.total} Treffer`), h("ol", { class: "hits" }, hits));
  } catch (error) {
    main.append(problemBox(error));
  }
}

// --- Account: sign up, confirm the e-mail address, sign in, sign out (allauth headless)
async function refreshUser() {
  const { status: code, data } = await accountRequest("/auth/session");
  currentUser = code === 200 ? data.data.user : null;
  accountLink.textContent = currentUser ? `Konto (${currentUser.display || "angemeldet"})` : "Anmelden";
}

function accountProblem(data) {
  const errors = (data.errors || []).map((item) => ({ field: item.param, message: item.message }));
  return new Problem({ detail: errors.length ? "Bitte prüfen Sie Ihre Eingaben." : "Das hat nicht geklappt.", errors });
}

function accountForm(legend, fields, submitLabel, onSubmit) {
  const errors = h("div");
  const form = h(
    "form",
    {},
    h(
      "fieldset",
      {},
      h("legend", {}, legend),
      errors,
      fields.map(([name, label, type, autocomplete]) =>
        type === "checkbox"
          ? h("p", {}, h("input", { id: `${legend}-${name}`, name, type, required: true }), " ", h("label", { for: `${legend}-${name}` }, label))
          : h("p", {}, h("label", { for: `${legend}-${name}` }, label), h("input", { id: `${legend}-${name}`, name, type, autocomplete, required: true })),
      ),
      h("button", { type: "submit" }, submitLabel),
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await prepareSession();
    const values = Object.fromEntries(new FormData(form));
    // A checkbox is true or false in JSON, not "on" or missing.
    for (const box of form.querySelectorAll("input[type=checkbox]")) values[box.name] = box.checked;
    try {
      await onSubmit(values);
    } catch (error) {
      errors.replaceChildren(problemBox(error));
    }
  });
  return form;
}

async function accountPage() {
  const show = viewFor();
  await refreshUser();
  if (currentUser) {
    const logout = h("button", { type: "button" }, "Abmelden");
    logout.addEventListener("click", async () => {
      await prepareSession();
      await accountRequest("/auth/session", { method: "DELETE" });
      await refreshUser();
      announce("Sie sind abgemeldet.");
      accountPage();
    });
    show("Ihr Konto", h("p", {}, `Angemeldet als ${currentUser.display}.`), logout);
    return;
  }
  const login = accountForm("Anmelden", [["email", "E-Mail-Adresse", "email", "email"], ["password", "Passwort", "password", "current-password"]], "Anmelden", async (values) => {
    const { status: code, data } = await accountRequest("/auth/login", { method: "POST", body: values });
    if (code === 401 && data.data?.flows?.some((flow) => flow.id === "consent" && flow.is_pending)) {
      await consentPage();
      return;
    }
    if (code !== 200) throw accountProblem(data);
    await refreshUser();
    announce("Sie sind angemeldet.");
    history.back();
  });
  const signup = accountForm(
    "Registrieren",
    [
      ["email", "E-Mail-Adresse", "email", "email"],
      ["display_name", "Öffentlicher Name", "text", "nickname"],
      ["password", "Passwort (mindestens 10 Zeichen)", "password", "new-password"],
      ["consent", "Ich habe die Datenschutzhinweise gelesen und akzeptiere die Nutzungsbedingungen.", "checkbox"],
    ],
    "Konto anlegen",
    async (values) => {
      const { status: code, data } = await accountRequest("/auth/signup", { method: "POST", body: values });
      const pending = code === 401 && data.data?.flows?.some((flow) => flow.id === "verify_email" && flow.is_pending);
      if (!pending && code !== 200) throw accountProblem(data);
      show("Fast geschafft", h("p", {}, "Wir haben Ihnen eine E-Mail geschickt. Bitte öffnen Sie den Link darin, um Ihre Adresse zu bestätigen."));
    },
  );
  show("Anmelden oder registrieren", login, signup);
  signup.querySelector("fieldset").append(await documentLinks());
}

// The privacy notice and terms of use in force, linked (GET /api/v1/me/consents is open to all).
async function documentLinks() {
  const { data } = await request("/api/v1/me/consents");
  const items = data.documents.map((doc) => h("li", {}, doc.url ? h("a", { href: doc.url }, doc.title) : doc.title, ` (Fassung ${doc.version})`));
  return h("div", {}, h("p", {}, "Zum Nachlesen:"), h("ul", {}, items));
}

// A login that waits for the consent to changed documents (allauth's pending flow "consent").
async function consentPage() {
  const show = viewFor();
  const form = accountForm(
    "Zustimmung",
    [["consent", "Ich habe die Datenschutzhinweise gelesen und akzeptiere die Nutzungsbedingungen.", "checkbox"]],
    "Zustimmen und anmelden",
    async (values) => {
      const { status: code, data } = await accountRequest("/auth/consent", { method: "POST", body: values });
      if (code !== 200) throw accountProblem(data);
      await refreshUser();
      announce("Sie sind angemeldet.");
      history.back();
    },
  );
  show("Geänderte Bedingungen", h("p", {}, "Die Datenschutzhinweise oder die Nutzungsbedingungen haben sich geändert. Bitte lesen Sie sie und stimmen Sie zu."), form);
  form.querySelector("fieldset").append(await documentLinks());
}

function confirmPage(key) {
  const show = viewFor();
  const errors = h("div");
  const button = h("button", { type: "button" }, "E-Mail-Adresse bestätigen");
  button.addEventListener("click", async () => {
    await prepareSession();
    const { status: code, data } = await accountRequest("/auth/email/verify", { method: "POST", body: { key } });
    if (code !== 200) {
      errors.replaceChildren(problemBox(new Problem({ detail: "Der Link ist ungültig oder abgelaufen." })));
      return;
    }
    await refreshUser();
    show("Adresse bestätigt", h("p", {}, "Vielen Dank! Sie sind jetzt angemeldet."), h("p", {}, h("a", { href: "#/" }, "Zu den Projekten")));
  });
  show("E-Mail-Adresse bestätigen", errors, h("p", {}, "Bestätigen Sie hier Ihre E-Mail-Adresse."), button);
}

// --- Routing by the address's hash: #/, #/projekt/7, #/ideen/3?sort=newest, #/vorschlag/12,
// #/suche?q=..., #/konto, #/konto/bestaetigen/KEY
async function route() {
  startNavigation();
  const show = viewFor();
  const [path, query = ""] = window.location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query);
  try {
    let match;
    if ((match = path.match(/^\/projekt\/(\d+)$/))) await projectPage(match[1]);
    else if ((match = path.match(/^\/ideen\/(\d+)$/))) await collectionPage(match[1], params);
    else if ((match = path.match(/^\/vorschlag\/(\d+)$/))) await proposalPage(match[1]);
    else if (path === "/suche") await searchPage(params.get("q") || "");
    else if ((match = path.match(/^\/konto\/bestaetigen\/(.+)$/))) confirmPage(decodeURIComponent(match[1]));
    else if (path === "/konto") await accountPage();
    else await projectList();
  } catch (error) {
    show("Fehler", problemBox(error));
  }
}

document.getElementById("api-base").textContent = API_BASE;
window.addEventListener("hashchange", route);
userKnown = refreshUser().catch(() => {});
route();
