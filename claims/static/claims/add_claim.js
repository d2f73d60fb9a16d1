// "Add claim" on the admin article page: select words in the highlighted text and the button
// opens the add form for that span. Offsets are counted in code points of the article body
// (as Python counts them), leaving out the "#12" claim labels the highlights add.
(function () {
  "use strict";
  const body = document.querySelector(".article-body");
  const button = document.getElementById("add-claim");
  if (!body || !button) {
    return;
  }

  function offsetOf(container, offset) {
    const range = document.createRange();
    range.setStart(body, 0);
    range.setEnd(container, offset);
    const fragment = range.cloneContents();
    fragment.querySelectorAll(".claim-ref").forEach((label) => label.remove());
    return Array.from(fragment.textContent).length;
  }

  function update() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) {
      return;
    }
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (end <= start) {
      return;
    }
    const url = new URL(button.dataset.addUrl, window.location.href);
    url.searchParams.set("start", String(start));
    url.searchParams.set("end", String(end));
    button.href = url.toString();
    button.hidden = false;
    button.textContent = "Add claim: “" + selection.toString().trim().slice(0, 60) + "”";
  }

  document.addEventListener("selectionchange", update);
})();
