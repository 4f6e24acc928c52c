// Lays a report out in pages before WebKit prints it, because WebKit repeats no table
// header on a new page and draws no page numbers. The print rules are applied on screen,
// at the printable width, so the screen layout is the print layout; each page is then
// closed where its content ends: a filler, the page's foot ("Page 2 of 5") at the bottom,
// and a forced break before the next page's running head. A table cut by a page goes on
// in a new table under a copy of its header. Every page is filled a little short of its
// height, so that WebKit's own breaks never fall inside one.
//
// Runs in the printing webview only, never in the window or the preview, and reads its
// texts from the report itself: `data-running-foot` on its body, `data-running-head` on the
// body or on the part of the report a page goes on with.
// Returns the number of pages.
(function (pageWidth, pageHeight) {
  "use strict";
  // Room left at each page's end for lines that wrap differently in print.
  const SLACK = 24;
  const usable = pageHeight - SLACK;
  const doc = document;
  const body = doc.body;

  function printRulesForEveryMedium(rules) {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule && /\bprint\b/.test(rule.media.mediaText)) {
        rule.media.mediaText = "all";
      }
      if (rule.cssRules) printRulesForEveryMedium(rule.cssRules);
    }
  }
  for (const sheet of doc.styleSheets) printRulesForEveryMedium(sheet.cssRules);
  doc.documentElement.classList.add("paged");
  doc.documentElement.style.width = pageWidth + "px";

  const top = (el) => el.getBoundingClientRect().top + window.scrollY;
  const bottom = (el) => el.getBoundingClientRect().bottom + window.scrollY;

  // The pieces no page break may cut, in reading order: rows, headings, paragraphs, and
  // any box that holds no box of its own. A group of lines stays whole if it is short.
  const WHOLE = "h1, h2, h3, h4, p, figure, dl, header, footer, li, tr, pre, blockquote";
  const holdsBoxes = (el) =>
    Array.from(el.children).some((child) => !getComputedStyle(child).display.startsWith("inline"));
  const units = [];
  function collect(parent) {
    for (const el of parent.children) {
      if (el.matches("style, script, colgroup")) continue;
      if (el.matches("table, thead, tbody, tfoot")) collect(el);
      else if (el.matches("section.group, .keep") && bottom(el) - top(el) <= usable / 2) units.push(el);
      else if (el.matches(WHOLE) || !holdsBoxes(el)) units.push(el);
      else collect(el);
    }
  }
  collect(body);

  // Headings and group rows go to the next page with what they introduce.
  const leadsIn = (el) => el.matches("h1, h2, h3, h4, tr.group, thead tr");
  // Each proposal of a status report starts a page: known before any page is laid out.
  const opensSection = units.map((el, i) => {
    const section = el.closest("section.proposal");
    const earlier = section && section.previousElementSibling;
    return Boolean(earlier && earlier.matches("section.proposal") && i > 0 && !section.contains(units[i - 1]));
  });

  function element(tag, className, text) {
    const el = doc.createElement(tag);
    el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  const feet = [];
  function pageFoot() {
    const foot = element("div", "page-foot");
    foot.append(element("span", "", body.dataset.runningFoot || ""), element("span", "page-number", "Page"));
    return foot;
  }
  // Every foot is as tall as this one.
  const probe = pageFoot();
  body.append(probe);
  const footRoom = probe.offsetHeight;
  probe.remove();

  // Closes the page that began at `pageTop` just before `anchor`: a filler down to the
  // page's foot. Returns the foot.
  function closePage(pageTop, anchor) {
    const fill = element("div", "page-fill");
    const foot = pageFoot();
    feet.push(foot);
    if (anchor) anchor.before(fill, foot);
    else body.append(fill, foot);
    fill.style.height = Math.max(0, pageTop + usable - bottom(foot)) + "px";
    return foot;
  }

  // Where a new page must start for `first` to lead it: a table cut in two goes on in a
  // copy that repeats its header; otherwise the outermost box that `first` begins.
  function breakPoint(first) {
    const table = first.closest("table");
    if (first.matches("tbody tr") && table.querySelector("tbody tr") !== first) {
      const rest = table.cloneNode(false);
      for (const part of table.children) {
        if (part.matches("colgroup, thead")) rest.append(part.cloneNode(true));
      }
      const tbody = first.parentElement;
      const restBody = tbody.cloneNode(false);
      let row = first;
      while (row) {
        const next = row.nextElementSibling;
        restBody.append(row);
        row = next;
      }
      rest.append(restBody);
      let later = tbody.nextElementSibling;
      while (later) {
        const next = later.nextElementSibling;
        rest.append(later);
        later = next;
      }
      rest.classList.add("continued");
      table.after(rest);
      return rest;
    }
    let anchor = table || first;
    while (anchor.parentElement !== body && anchor.parentElement.firstElementChild === anchor) {
      anchor = anchor.parentElement;
    }
    return anchor;
  }

  let pageTop = 0;
  let pageFirst = 0;
  for (let i = 0; i < units.length; i++) {
    const forced = opensSection[i];
    if (i === pageFirst && !forced) continue;
    if (!forced && bottom(units[i]) - pageTop <= usable - footRoom) continue;
    let k = i;
    if (!forced) {
      while (k - 1 > pageFirst && leadsIn(units[k - 1])) k--;
    }
    const anchor = breakPoint(units[k]);
    closePage(pageTop, anchor);
    const running = (anchor.closest("[data-running-head]") || body).dataset.runningHead || "";
    const head = element("div", forced ? "page-head blank" : "page-head", forced ? "" : running);
    anchor.before(head);
    pageTop = top(head);
    pageFirst = k;
    i = k;
  }
  closePage(pageTop, null);

  feet.forEach((foot, n) => {
    foot.querySelector(".page-number").textContent = "Page " + (n + 1) + " of " + feet.length;
  });
  return feet.length;
})
