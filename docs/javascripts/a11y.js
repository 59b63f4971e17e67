// Keyboard and screen-reader fixes that depend on the page as laid out in the browser
// (tests/test_a11y.py runs axe-core and drives the page by keyboard):
// - a region that scrolls sideways (display math, a wide table, a code block) can be
//   reached with Tab, so a keyboard can scroll it; it is re-checked when the width
//   changes or a collapsed block opens;
// - Material wraps each code block's copy button in a <nav>, one unnamed navigation
//   landmark per block; it is a plain group of buttons, not a landmark;
// - the language switch keeps the section: the index of the heading in view (or in the
//   address) is carried to the other language's page, whose headings come in the same
//   order, and that page opens at its twin heading when both have as many headings;
// - a figure comes in two layouts: on a narrow screen the page shows its phone layout
//   (a <picture> source), and a tap, a click, Enter or Space opens the wide layout at its
//   full size (where its smallest text is at least 9 px) in a box that scrolls sideways;
//   the same keys close it again.
(function () {
  "use strict";
  var SCROLLERS = ".md-typeset div.arithmatex, .md-typeset__scrollwrap, .md-typeset pre > code";
  var HEADINGS = ".md-content article :is(h1, h2, h3, h4, h5, h6)[id]";
  var SWITCH_KEY = "dlref.switch";
  var FIGURES = "article img[src*='figures/']";
  var ZOOM_TITLE = {
    ko: "누르면 그림을 원래 크기로 봅니다 (다시 누르면 줄어듭니다)",
    en: "Press to see the figure at full size (press again to fit)",
  };

  function setUpFigure(img) {
    if (img.hasAttribute("data-dlref-zoom")) {
      return;
    }
    var lang = document.documentElement.lang === "ko" ? "ko" : "en";
    img.setAttribute("data-dlref-zoom", "");
    img.setAttribute("tabindex", "0");
    img.setAttribute("role", "button");
    img.setAttribute("aria-expanded", "false");
    img.setAttribute("title", ZOOM_TITLE[lang]);
    figureBox(img).classList.add("dlref-figure-box");
  }

  function figureBox(img) {
    var parent = img.parentElement;
    return parent.tagName === "PICTURE" ? parent.parentElement : parent;
  }

  function toggleFigure(img) {
    var open = img.getAttribute("aria-expanded") !== "true";
    img.setAttribute("aria-expanded", open ? "true" : "false");
    if (img.parentElement.tagName === "PICTURE") {
      img.parentElement.querySelectorAll("source[data-media]").forEach(function (source) {
        source.media = open ? "not all" : source.getAttribute("data-media");
      });
    }
    if (open) {
      figureBox(img).scrollLeft = 0;
    }
  }

  document.addEventListener("click", function (event) {
    var img = event.target.closest && event.target.closest("img[data-dlref-zoom]");
    if (img) {
      toggleFigure(img);
    }
  });
  document.addEventListener("keydown", function (event) {
    var img = event.target.closest && event.target.closest("img[data-dlref-zoom]");
    if (img && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      toggleFigure(img);
    }
  });

  function markScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-dlref-scroll", "");
      } else if (!scrolls && el.hasAttribute("data-dlref-scroll")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-dlref-scroll");
      }
    });
  }

  function unlandmarkCodeNavs() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  var pending = false;
  function refresh() {
    if (pending) {
      return;
    }
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      document.querySelectorAll(FIGURES).forEach(setUpFigure);
      markScrollers();
      unlandmarkCodeNavs();
    });
  }

  function headings() {
    return Array.prototype.slice.call(document.querySelectorAll(HEADINGS));
  }

  function currentHeading(list) {
    var id = decodeURIComponent(location.hash.slice(1));
    var byHash = list.findIndex(function (h) { return h.id === id; });
    if (byHash >= 0) {
      return byHash;
    }
    var index = -1;
    list.forEach(function (h, i) {
      if (h.getBoundingClientRect().top <= 80) {
        index = i;
      }
    });
    return index;
  }

  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
      if (!link) {
        return;
      }
      var list = headings();
      var index = currentHeading(list);
      if (index <= 0) {
        return;
      }
      sessionStorage.setItem(
        SWITCH_KEY,
        JSON.stringify({ path: new URL(link.href).pathname, index: index, count: list.length })
      );
    },
    true
  );

  function openTwinHeading() {
    var saved = sessionStorage.getItem(SWITCH_KEY);
    if (!saved) {
      return;
    }
    sessionStorage.removeItem(SWITCH_KEY);
    var state = JSON.parse(saved);
    var list = headings();
    if (state.path !== location.pathname || location.hash || list.length !== state.count) {
      return;
    }
    var target = list[state.index];
    history.replaceState(history.state, "", "#" + encodeURIComponent(target.id));
    target.scrollIntoView();
  }

  openTwinHeading();
  refresh();
  window.addEventListener("load", refresh);
  window.addEventListener("resize", refresh);
  document.addEventListener("toggle", refresh, true);
  new MutationObserver(refresh).observe(document.body, { childList: true, subtree: true });
})();
