/* Deciding claims fast in the admin, without a library.
 *
 * - Keys wherever a decision panel (.claim-decision) is shown: 1-6 pick a status and put the
 *   cursor in the note, Ctrl+Enter saves (and goes to the next claim), Esc leaves the note,
 *   j / k go to the next / previous claim of the list the editor came from.
 * - On the claim list, j / k move through the rows and Enter (or a click on a claim) opens the
 *   claim in a side panel; saving there shows the next claim and updates the row's badge.
 *   On the article page a claim's number opens the same panel.
 * - The claimant and outlet filters suggest names from the admin's autocomplete view.
 */
(function () {
  "use strict";

  let panel = null; // the side panel's <aside>, once opened
  let rows = []; // the claim list's rows, in order
  let currentRow = -1;

  function isTyping(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  function decision() {
    return (panel && !panel.hidden && panel.querySelector(".claim-decision")) ||
      document.querySelector("#content .claim-decision");
  }

  // --- The side panel ---------------------------------------------------------------------

  function ensurePanel() {
    if (panel) return panel;
    panel = document.createElement("aside");
    panel.id = "decision-panel";
    panel.setAttribute("aria-label", "Decide the claim");
    panel.hidden = true;
    document.body.appendChild(panel);
    panel.addEventListener("submit", onPanelSubmit);
    panel.addEventListener("click", onPanelClick);
    return panel;
  }

  function showPanel(html) {
    ensurePanel();
    panel.innerHTML = html;
    panel.hidden = false;
    document.body.classList.add("has-decision-panel");
    const section = panel.querySelector(".claim-decision");
    if (section) {
      followRow(section.dataset.claimId);
      section.focus({ preventScroll: true });
      panel.scrollTop = 0;
    }
  }

  function closePanel() {
    if (!panel) return;
    panel.hidden = true;
    document.body.classList.remove("has-decision-panel");
    if (rows[currentRow]) rows[currentRow].querySelector("a")?.focus();
  }

  async function openPanel(url) {
    const response = await fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" });
    showPanel(await response.text());
  }

  function statusLabels(section) {
    const labels = {};
    section.querySelectorAll("input[name=status]").forEach((radio) => {
      labels[radio.value] = radio.parentElement.textContent.replace(/^\s*\d\s*/, "").trim();
    });
    return labels;
  }

  async function onPanelSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const labels = statusLabels(form.closest(".claim-decision"));
    const body = new FormData(form, event.submitter || undefined);
    form.querySelectorAll("input[type=submit]").forEach((button) => { button.disabled = true; });
    const response = await fetch(form.action, {
      method: "POST",
      body: body,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    });
    const reviewed = response.headers.get("X-Claim-Reviewed");
    if (reviewed) markReviewed(reviewed, response.headers.get("X-Claim-Status"), labels);
    showPanel(await response.text());
  }

  function onPanelClick(event) {
    const link = event.target.closest("a.decision-next, a.decision-previous");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    const section = link.closest(".claim-decision");
    const url = link.classList.contains("decision-next") ? section.dataset.nextPanelUrl : section.dataset.previousPanelUrl;
    if (url) {
      event.preventDefault();
      openPanel(url);
    }
  }

  function markReviewed(claimId, status, labels) {
    const badge = `<span class="claim-badge status-${status}">${labels[status] || status}</span>`;
    const row = rows.find((candidate) => candidate.dataset.claimId === claimId);
    if (row) {
      const cell = row.querySelector("td.field-status_badge");
      if (cell) cell.innerHTML = badge;
      row.querySelectorAll("mark.claim-mark").forEach((mark) => { mark.className = `claim-mark status-${status}`; });
    }
    const mark = document.getElementById(`claim-${claimId}`);
    if (mark && mark.classList.contains("claim-mark")) mark.className = `claim-mark status-${status}`;
  }

  // --- The claim list's rows --------------------------------------------------------------

  function setupRows() {
    const table = document.querySelector("body.model-claim.change-list #result_list");
    if (!table) return;
    rows = Array.from(table.querySelectorAll("tbody tr"));
    rows.forEach((row, index) => {
      const checkbox = row.querySelector("input.action-select");
      if (checkbox) row.dataset.claimId = checkbox.value;
      const link = row.querySelector("th a, td a");
      if (!link) return;
      link.addEventListener("click", (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        selectRow(index);
        openPanel(panelUrl(link.href));
      });
    });
  }

  function panelUrl(changeUrl) {
    return changeUrl.replace(/\/change\/(\?|$)/, "/panel/$1");
  }

  function selectRow(index) {
    if (!rows.length) return;
    currentRow = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach((row, position) => row.classList.toggle("is-current", position === currentRow));
    rows[currentRow].scrollIntoView({ block: "nearest" });
  }

  function followRow(claimId) {
    const index = rows.findIndex((row) => row.dataset.claimId === claimId);
    if (index >= 0) selectRow(index);
  }

  function openCurrentRow() {
    const row = rows[currentRow];
    const link = row && row.querySelector("th a, td a");
    if (link) openPanel(panelUrl(link.href));
  }

  // --- The article page -------------------------------------------------------------------

  function setupArticle() {
    const body = document.querySelector(".article-body[data-article-id]");
    if (!body) return;
    const filters = encodeURIComponent(`article__id__exact=${body.dataset.articleId}`);
    body.addEventListener("click", (event) => {
      const ref = event.target.closest("a.claim-ref");
      if (!ref || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      openPanel(`${panelUrl(ref.pathname)}?_changelist_filters=${filters}`);
    });
  }

  // --- Keys -------------------------------------------------------------------------------

  function go(section, direction) {
    const inPanel = panel && panel.contains(section);
    const url = inPanel ? section.dataset[`${direction}PanelUrl`] : section.dataset[`${direction}Url`];
    if (!url) return false;
    if (inPanel) openPanel(url);
    else window.location.href = url;
    return true;
  }

  function save(section) {
    const form = section.querySelector("form.decision-form");
    if (!form) return;
    const button = form.querySelector("input[name=_next]") || form.querySelector("input[type=submit]");
    form.requestSubmit(button);
  }

  function onKeydown(event) {
    const section = decision();
    const typing = isTyping(event.target);
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      if (section && (!typing || section.contains(event.target))) {
        event.preventDefault();
        save(section);
      }
      return;
    }
    if (event.key === "Escape") {
      if (typing && section && section.contains(event.target)) {
        event.target.blur();
        section.focus({ preventScroll: true });
      } else if (panel && !panel.hidden) {
        closePanel();
      }
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const panelOpen = panel && !panel.hidden;
    if (event.key === "j" || event.key === "k") {
      const direction = event.key === "j" ? "next" : "previous";
      if (section && (panelOpen || !rows.length) && go(section, direction)) {
        event.preventDefault();
      } else if (rows.length && !panelOpen) {
        event.preventDefault();
        selectRow(currentRow + (direction === "next" ? 1 : -1));
      }
      return;
    }
    if (event.key === "Enter" && rows.length && !panelOpen && currentRow >= 0 && event.target.tagName !== "A") {
      event.preventDefault();
      openCurrentRow();
      return;
    }
    if (section && /^[1-9]$/.test(event.key)) {
      const radio = section.querySelector(`input[name=status][data-key="${event.key}"]`);
      if (radio) {
        event.preventDefault();
        radio.checked = true;
        section.querySelector("textarea[name=note]")?.focus();
      }
    }
  }

  // --- Name filters -----------------------------------------------------------------------

  function setupNameFilters() {
    document.querySelectorAll("form.name-search-filter").forEach((form) => {
      const input = form.querySelector("input[type=search]");
      const list = form.querySelector("datalist");
      let timer = null;
      input.addEventListener("input", () => {
        clearTimeout(timer);
        const term = input.value.trim();
        if (term.length < 2) return;
        timer = setTimeout(async () => {
          const response = await fetch(`${form.dataset.suggestUrl}&term=${encodeURIComponent(term)}`, { credentials: "same-origin" });
          if (!response.ok) return;
          const found = await response.json();
          list.replaceChildren(...found.results.map((result) => {
            // The autocomplete view words a claimant "Name (role)"; the filter matches names.
            const option = document.createElement("option");
            option.value = result.text.replace(/\s*\([^()]*\)$/, "");
            return option;
          }));
        }, 200);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    setupRows();
    setupArticle();
    setupNameFilters();
  });
  document.addEventListener("keydown", onKeydown);
})();
