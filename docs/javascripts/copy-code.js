// The copy button of a block of ">>>" examples copies only the code, as a reader pastes it
// into Python: the ">>> " and "... " prompts are stripped and the output lines are dropped
// (a "..." line on its own becomes the blank line that ends a compound statement). Other
// code blocks copy verbatim. tests/_snippets.py (copy_text) is the same transformation in
// Python; the browser test clicks the button and checks that the clipboard holds exactly it.
(function () {
  "use strict";
  var PROMPT = /^(>>>|\.\.\.)( |$)/;

  function copyText(text) {
    var kept = [];
    text.split("\n").forEach(function (line) {
      var match = PROMPT.exec(line);
      if (match) {
        kept.push(match[2] ? line.slice(4) : "");
      }
    });
    return kept.join("\n") + "\n";
  }

  // Capture phase: runs before Material's clipboard handler reads data-clipboard-text.
  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest && event.target.closest("[data-clipboard-target]");
      if (!button) {
        return;
      }
      var code = document.querySelector(button.getAttribute("data-clipboard-target"));
      if (code && /^>>>( |$)/m.test(code.textContent)) {
        button.setAttribute("data-clipboard-text", copyText(code.textContent));
      }
    },
    true
  );
})();
