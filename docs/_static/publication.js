// Remember the language a reader picks, so the root page sends them there next time.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".language-switcher a[hreflang]");
  if (!link) return;
  try { localStorage.setItem("publication-language", link.getAttribute("hreflang")); } catch (e) { /* private mode */ }
});
