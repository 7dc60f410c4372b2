// MathJax 3 configuration: pymdownx.arithmatex (generic mode) wraps the math of the Markdown
// pages and of the API reference in \( \) / \[ \] inside class="arithmatex"; the Markdown
// cells of rendered notebooks (class="jp-MarkdownOutput") keep Jupyter's $ / $$.
// MathJax itself is loaded by the reader's browser from a CDN (see mkdocs.yml); the docs
// build does not need it, nor the network.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex|jp-MarkdownOutput",
  },
};

// Typeset each page Material shows (also after instant navigation, if it is enabled).
document$.subscribe(() => {
  MathJax.startup.output.clearCache();
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
