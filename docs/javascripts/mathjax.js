// MathJax 3 configuration for pymdownx.arithmatex (generic mode): the site's Markdown
// pages, the API reference and rendered notebooks. MathJax itself is loaded by the
// reader's browser from a CDN (see mkdocs.yml); the docs build does not need it.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
};

// Material's instant navigation swaps pages without a reload: typeset each new page.
document$.subscribe(() => {
  MathJax.startup.output.clearCache();
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
