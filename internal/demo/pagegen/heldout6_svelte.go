package pagegen

import (
	"fmt"
	"strings"
)

// Texts of the SvelteKit page: what a stat card and a row show without a
// value, and the heading of the similar records after the record.
const (
	svelteNoFigure = "—"
	svelteNoData   = "nessun dato"
	svelteSimilar  = "Schede simili"
)

// svelteClass is the scoped class Svelte gives the elements of one
// component ("svelte-1x2k9q").
func svelteClass(component string) string { return "svelte-" + h3ID("svelte#"+component, 6) }

// svelteArrange splits a section's fields into the stat cards of its
// figure strip and the rows below it, each in page order.
func svelteArrange(fields []Field) (stats, rows []Field) {
	for _, f := range fields {
		if h6Stat(f) {
			stats = append(stats, f)
		} else {
			rows = append(rows, f)
		}
	}
	return stats, rows
}

// renderSvelte6 writes a record page of a SvelteKit application rendered
// on the server with Svelte 5: hydration comments around blocks and
// components, scoped svelte-xxxx classes, the header, then the record
// component: the region above the title, the badges, and per section a
// strip of stat cards (short typed fields, each its value in large type
// above its label) and rows of the other fields (a key and a value, lists
// as chips). The last-modified date, the cards of similar records and
// the data for hydration follow.
func renderSvelte6(b *strings.Builder, p *Page) {
	layoutC, pageC, statC, rowC, simC := svelteClass("layout"), svelteClass("scheda"), svelteClass("stat"), svelteClass("row"), svelteClass("simili")
	fmt.Fprintf(b, `<!doctype html>
<html lang="it">
	<head>
		<meta charset="utf-8" />
		<link rel="icon" href="../favicon.png" />
		<meta name="viewport" content="width=device-width, initial-scale=1" />
		<link href="../_app/immutable/assets/0.CkX9a1Qe.css" rel="stylesheet">
		<link href="../_app/immutable/assets/4.D2f8bqLm.css" rel="stylesheet">
		<link rel="modulepreload" href="../_app/immutable/entry/start.BzE4qL9x.js">
		<link rel="modulepreload" href="../_app/immutable/chunks/entry.Dm3kPz0a.js">
		<link rel="modulepreload" href="../_app/immutable/entry/app.C8v1wRtY.js">
		<link rel="modulepreload" href="../_app/immutable/nodes/4.B1qLx7Nc.js">
		<!--1xk2m3--><title>%[1]s · Atlante della partecipazione</title><meta name="description" content="Scheda del processo partecipativo"/><!---->
	</head>
	<body data-sveltekit-preload-data="hover">
		<div style="display: contents"><!--[--><!--[--><!----><header class="%[2]s"><a href="/" class="logo %[2]s">Atlante della partecipazione</a> <nav class="%[2]s"><a href="/processi" class="%[2]s">Processi</a> <a href="/esplora" class="%[2]s">Esplora</a> <a href="/info" class="%[2]s">Info</a></nav></header> <main class="%[2]s"><!----><article class="scheda %[3]s">`, esc(p.Title), layoutC, pageC)
	if p.Region != "" {
		fmt.Fprintf(b, `<!--[--><p class="eyebrow %s">%s</p><!--]-->`, pageC, esc(p.Region))
	} else {
		b.WriteString("<!--[!--><!--]-->")
	}
	fmt.Fprintf(b, ` <h1 class="%s">%s</h1> <div class="badges %s"><!--[-->`, pageC, esc(p.Title), pageC)
	for _, badge := range badgeNames(p) {
		fmt.Fprintf(b, `<span class="badge %s">%s</span>`, pageC, badge)
	}
	fmt.Fprintf(b, `<!--]--></div> <p class="cta %s">%s <a href="/integra/%d" class="%s">%s</a></p> <!--[-->`, pageC, esc(ctaQuestion), p.ID, pageC, esc(ctaAction))
	for _, s := range p.Sections {
		stats, rows := svelteArrange(s.Fields)
		fmt.Fprintf(b, "<section class=\"%[1]s\"><h2 class=\"%[1]s\">%[2]s</h2> ", pageC, esc(s.Name))
		if len(stats) > 0 {
			fmt.Fprintf(b, `<!--[--><div class="stats %s"><!--[-->`, pageC)
			for _, f := range stats {
				v := svelteNoFigure
				if !isEmpty(f) {
					v = esc(strings.Join(f.Lines, " "))
				}
				fmt.Fprintf(b, `<!----><div class="stat %[1]s"><span class="stat-value %[1]s">%[2]s</span> <span class="stat-label %[1]s">%[3]s</span></div><!---->`, statC, v, esc(f.Label))
			}
			b.WriteString("<!--]--></div><!--]--> ")
		} else {
			b.WriteString("<!--[!--><!--]--> ")
		}
		fmt.Fprintf(b, `<div class="rows %s"><!--[-->`, pageC)
		for _, f := range rows {
			fmt.Fprintf(b, `<!----><div class="row %[1]s"><span class="key %[1]s">%[2]s</span> %[3]s</div><!---->`, rowC, esc(f.Label), svelteValue(f, rowC))
		}
		b.WriteString("<!--]--></div></section>")
	}
	b.WriteString("<!--]-->")
	if p.LastModified != "" {
		fmt.Fprintf(b, ` <!--[--><p class="updated %s">%s <time datetime="%s">%s</time></p><!--]-->`, pageC, lastModPrefix, isoDate(p.LastModified), esc(p.LastModified))
	} else {
		b.WriteString(" <!--[!--><!--]-->")
	}
	fmt.Fprintf(b, `</article><!----> <aside class="similar %[1]s"><h2 class="%[1]s">%[2]s</h2> <div class="cards %[1]s"><!--[--><div class="card %[1]s"><h3 class="%[1]s"><a href="/processi/3981" class="%[1]s">Bilancio partecipativo giovani</a></h3> <div class="stat %[3]s"><span class="stat-value %[3]s">In corso</span> <span class="stat-label %[3]s">Stato di avanzamento</span></div></div><div class="card %[1]s"><h3 class="%[1]s"><a href="/processi/3870" class="%[1]s">Piazze in comune</a></h3> <div class="stat %[3]s"><span class="stat-value %[3]s">8</span> <span class="stat-label %[3]s">Durata (mesi)</span></div></div><!--]--></div></aside><!----></main> <footer class="%[4]s"><p class="%[4]s">Dati: Osservatorio Partecipazione, CC BY 4.0</p></footer><!----><!--]--> <!--[!--><!--]--><!--]-->
			<script>
				{
					__sveltekit_1m5x0b2 = {
						base: new URL("..", location).pathname.slice(0, -1)
					};
					const element = document.currentScript.parentElement;
					const data = [null,{"type":"data","data":{scheda:%[5]s},"uses":{"params":["id"]}}];
					Promise.all([
						import("../_app/immutable/entry/start.BzE4qL9x.js"),
						import("../_app/immutable/entry/app.C8v1wRtY.js")
					]).then(([kit, app]) => {
						kit.start(app, element, {
							node_ids: [0, 4],
							data,
							form: null,
							error: null
						});
					});
				}
			</script>
		</div>
	</body>
</html>
`, simC, svelteSimilar, statC, layoutC, svelteData(p))
}

// svelteValue renders a row's value: chips for list items, images, long
// texts as rendered HTML, "nessun dato" when empty.
func svelteValue(f Field, c string) string {
	if isEmpty(f) {
		return fmt.Sprintf(`<div class="val %[1]s"><span class="empty %[1]s">%[2]s</span></div>`, c, svelteNoData)
	}
	var out []string
	var chips []string
	flush := func() {
		if len(chips) > 0 {
			out = append(out, fmt.Sprintf(`<ul class="chips %[1]s"><!--[--><li class="%[1]s">%[2]s</li><!--]--></ul>`, c, strings.Join(chips, `</li><li class="`+c+`">`)))
			chips = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "item":
			chips = append(chips, esc(pt.text))
		case "img":
			flush()
			out = append(out, fmt.Sprintf(`<img src="%s" alt="" loading="lazy" class="%s">`, esc(absURL(pt.text)), c))
		case "map":
			flush()
			out = append(out, fmt.Sprintf(`<span class="map-label %s">%s</span>`, c, esc(pt.text)))
		default:
			flush()
			if h3Long(f) {
				out = append(out, "<!----><p>"+h6Text(pt.text)+"</p><!---->")
			} else {
				out = append(out, h6Text(pt.text))
			}
		}
	}
	flush()
	cls := "val " + c
	if h3Long(f) {
		cls = "val prose " + c
	}
	return fmt.Sprintf(`<div class="%s">%s</div>`, cls, strings.Join(out, " "))
}

// svelteData is the record as the page's load function returned it, for
// hydration: sections of label and value pairs.
func svelteData(p *Page) string {
	var secs []string
	for _, s := range p.Sections {
		var fields []string
		for _, f := range s.Fields {
			v := "null"
			if !isEmpty(f) {
				var parts []string
				for _, pt := range valueParts(f, false) {
					parts = append(parts, pt.text)
				}
				v = jsonString(strings.Join(parts, "\n"))
			}
			fields = append(fields, fmt.Sprintf("{label:%s,value:%s}", jsonString(f.Label), v))
		}
		secs = append(secs, fmt.Sprintf("{nome:%s,campi:[%s]}", jsonString(s.Name), strings.Join(fields, ",")))
	}
	return fmt.Sprintf("{id:%d,titolo:%s,sezioni:[%s]}", p.ID, jsonString(p.Title), strings.Join(secs, ","))
}
