package pagegen

import (
	"fmt"
	"strings"
)

// jupyterNA is what the notebook's Styler shows for a missing value;
// jupyterNext the prompt of the cell after the record's.
const (
	jupyterNA   = "nan"
	jupyterNext = "In [3]:"
)

// jupyterCell writes one notebook cell around inner: a code cell with its
// input prompt and highlighted source, or a Markdown cell.
func jupyterCell(b *strings.Builder, kind, prompt, inner string) {
	switch kind {
	case "markdown":
		fmt.Fprintf(b, `<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell">
<div class="jp-Cell-inputWrapper" tabindex="0"><div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser"></div><div class="jp-InputArea jp-Cell-inputArea"><div class="jp-InputPrompt jp-InputArea-prompt"></div><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">
%s
</div></div></div>
</div>
`, inner)
	case "code":
		fmt.Fprintf(b, `<div class="jp-Cell jp-CodeCell jp-Notebook-cell jp-mod-noOutputs">
<div class="jp-Cell-inputWrapper" tabindex="0"><div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser"></div><div class="jp-InputArea jp-Cell-inputArea"><div class="jp-InputPrompt jp-InputArea-prompt">%s</div><div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline"><div class="cm-editor cm-s-jupyter"><div class="highlight hl-ipython3"><pre><span></span>%s</pre></div></div></div></div></div>
`, prompt, inner)
	}
}

// renderJupyter6 writes a Jupyter notebook exported to HTML with
// nbconvert's lab template: a Markdown cell with the title, the region
// and the badges, a code cell importing the observatory's client, a code
// cell whose output is the record as a pandas Styler table (the section
// and the label as a two-level row index, the section's header cell
// spanning its rows, "nan" for missing values, addresses hyperlinked, the
// map as a row of its own), then cells that look at single fields.
func renderJupyter6(b *strings.Builder, p *Page) {
	tid := "T_" + h3ID(p.URL+"#styler", 5)
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>%[1]s</title><script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>
<style type="text/css">
:root{--jp-cell-prompt-width:64px;--jp-code-font-family:Menlo,Consolas,"DejaVu Sans Mono",monospace}
.jp-InputPrompt,.jp-OutputPrompt{color:#307fc1;font-family:var(--jp-code-font-family);text-align:right}
.jp-RenderedHTMLCommon table{border-collapse:collapse;border-spacing:0;border:none;font-size:12px}
.highlight .kn{color:#008000;font-weight:bold}.highlight .s2{color:#BA2121}.highlight .nn{color:#0000FF;font-weight:bold}
</style>
<script type="text/x-mathjax-config">MathJax.Hub.Config({tex2jax:{inlineMath:[['$','$'],["\\(","\\)"]],processEscapes:true}});</script>
</head>
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<main>
`, esc(p.Title))
	var head strings.Builder
	fmt.Fprintf(&head, "<h1 id=\"%[1]s\">%[2]s<a class=\"anchor-link\" href=\"#%[1]s\">¶</a></h1>\n", strings.Join(h3Words(p.Title), "-"), esc(p.Title))
	if tags := h6Tags(p); len(tags) > 0 {
		fmt.Fprintf(&head, "<p><strong>%s</strong></p>\n", strings.Join(tags, " · "))
	}
	head.WriteString("<p>Notebook di controllo della scheda: la scarichiamo dall'API dell'Osservatorio e la mostriamo per sezione.</p>")
	jupyterCell(b, "markdown", "", head.String())
	jupyterCell(b, "code", "In&nbsp;[1]:", `<span class="kn">import</span> <span class="nn">pandas</span> <span class="k">as</span> <span class="nn">pd</span>
<span class="kn">from</span> <span class="nn">osservatorio</span> <span class="kn">import</span> <span class="n">scheda</span>

<span class="n">pd</span><span class="o">.</span><span class="n">set_option</span><span class="p">(</span><span class="s2">"display.max_colwidth"</span><span class="p">,</span> <span class="kc">None</span><span class="p">)</span>`)
	b.WriteString("</div>\n")
	jupyterCell(b, "code", "In&nbsp;[2]:", fmt.Sprintf(`<span class="n">s</span> <span class="o">=</span> <span class="n">scheda</span><span class="p">(</span><span class="mi">%d</span><span class="p">)</span>
<span class="n">s</span><span class="o">.</span><span class="n">style</span><span class="o">.</span><span class="n">format</span><span class="p">(</span><span class="n">hyperlinks</span><span class="o">=</span><span class="s2">"html"</span><span class="p">)</span>`, p.ID))
	b.WriteString(`<div class="jp-Cell-outputWrapper"><div class="jp-Collapser jp-OutputCollapser jp-Cell-outputCollapser"></div><div class="jp-OutputArea jp-Cell-outputArea"><div class="jp-OutputArea-child jp-OutputArea-executeResult"><div class="jp-OutputPrompt jp-OutputArea-prompt">Out[2]:</div><div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output jp-OutputArea-executeResult" data-mime-type="text/html">
`)
	fmt.Fprintf(b, `<style type="text/css">
#%[1]s td { white-space: pre-wrap; text-align: left; }
#%[1]s th.row_heading { text-align: left; vertical-align: top; }
</style>
<table id="%[1]s">
  <thead>
    <tr>
      <th class="blank">&nbsp;</th>
      <th class="blank level0">&nbsp;</th>
      <th id="%[1]s_level0_col0" class="col_heading level0 col0">valore</th>
    </tr>
    <tr>
      <th class="index_name level0">sezione</th>
      <th class="index_name level1">campo</th>
      <th class="blank col0">&nbsp;</th>
    </tr>
  </thead>
  <tbody>
`, tid)
	row := 0
	for i, s := range p.Sections {
		fields := h5MapsApart(s.Fields)
		if i == len(p.Sections)-1 {
			if lm, ok := h6LastModified(p); ok {
				fields = append(fields, lm)
			}
		}
		for j, f := range fields {
			b.WriteString("    <tr>\n")
			if j == 0 {
				fmt.Fprintf(b, "      <th id=\"%s_level0_row%d\" class=\"row_heading level0 row%d\" rowspan=\"%d\">%s</th>\n", tid, row, row, len(fields), esc(s.Name))
			}
			fmt.Fprintf(b, "      <th id=\"%s_level1_row%d\" class=\"row_heading level1 row%d\">%s</th>\n", tid, row, row, esc(f.Label))
			fmt.Fprintf(b, "      <td id=\"%s_row%d_col0\" class=\"data row%d col0\">%s</td>\n    </tr>\n", tid, row, row, jupyterValue(f))
			row++
		}
	}
	b.WriteString("  </tbody>\n</table>\n</div></div></div></div>\n</div>\n")
	jupyterCell(b, "code", strings.ReplaceAll(jupyterNext, " ", "&nbsp;"), `<span class="n">s</span><span class="o">.</span><span class="n">isna</span><span class="p">()</span><span class="o">.</span><span class="n">sum</span><span class="p">()</span>`)
	fmt.Fprintf(b, `<div class="jp-Cell-outputWrapper"><div class="jp-OutputArea jp-Cell-outputArea"><div class="jp-OutputArea-child jp-OutputArea-executeResult"><div class="jp-OutputPrompt jp-OutputArea-prompt">Out[3]:</div><div class="jp-RenderedText jp-OutputArea-output jp-OutputArea-executeResult" data-mime-type="text/plain"><pre>valore    %d
dtype: int64</pre></div></div></div></div>
</div>
`, jupyterMissing(p))
	jupyterCell(b, "code", "In&nbsp;[4]:", `<span class="n">s</span><span class="o">.</span><span class="n">loc</span><span class="p">[(</span><span class="s2">"Processo"</span><span class="p">,</span> <span class="s2">"Stato di avanzamento"</span><span class="p">)]</span>`)
	b.WriteString("</div>\n")
	jupyterCell(b, "markdown", "", `<h2 id="Note">Note<a class="anchor-link" href="#Note">¶</a></h2>
<p>Campi vuoti da segnalare alla redazione: Anno di avvio, Ambito di intervento.</p>`)
	b.WriteString("</main>\n</body>\n</html>\n")
}

// jupyterMissing counts the missing values of the record's table.
func jupyterMissing(p *Page) int {
	n := 0
	for _, s := range p.Sections {
		for _, f := range h5MapsApart(s.Fields) {
			if isEmpty(f) {
				n++
			}
		}
	}
	return n
}

// jupyterValue renders a data cell as the Styler writes it: the string
// as the client returned it (image paths as absolute addresses), with
// hyperlinks="html" turning every address into a link, "nan" for a
// missing value.
func jupyterValue(f Field) string {
	if isEmpty(f) {
		return jupyterNA
	}
	var lines []string
	for _, l := range f.Lines {
		if isImagePath(l) {
			l = absURL(l)
		}
		lines = append(lines, h3Autolink(l, func(u string) string {
			return `<a href="` + esc(u) + `" target="_blank">` + esc(u) + `</a>`
		}))
	}
	return strings.Join(lines, "\n")
}
