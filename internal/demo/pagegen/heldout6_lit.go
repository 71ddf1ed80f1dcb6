package pagegen

import (
	"fmt"
	"strings"
)

// litEmpty is what a field component shows, from its shadow root, when
// it has no value; litFooter the text of the site's footer component,
// after the record.
const (
	litEmpty  = "Non specificato"
	litFooter = "Dati dell'Osservatorio Partecipazione, licenza CC BY 4.0"
)

// litPart opens a Lit template part: the comment Lit SSR writes before a
// template result, with the template's digest.
func litPart(name string) string { return "<!--lit-part " + h3ID("lit#"+name, 10) + "=-->" }

// Comments around the values Lit SSR interpolates.
const (
	litOpen  = "<!--lit-part-->"
	litClose = "<!--/lit-part-->"
)

// litShadow writes a declarative shadow root.
func litShadow(content string) string {
	return `<template shadowrootmode="open" shadowroot="open">` + content + `</template>`
}

// renderLit6 writes a record page whose components Lit rendered on the
// server with declarative shadow DOM: the site's navigation component,
// then an <oss-scheda> whose shadow root shows the region, the slotted
// title in its <h1>, the badges, the sections (slotted) and the
// last-modified line; each section an <oss-section> whose shadow root
// holds its heading, each field an <oss-field> whose shadow root holds
// its label (from the label attribute) and a slot for the value, which
// is the element's light DOM. Empty fields render "Non specificato" in
// their shadow root instead of the slot.
func renderLit6(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%[1]s — Partecipa ER</title>
<link rel="stylesheet" href="/assets/site.7b1c2d.css">
<script type="module" src="/assets/components.4f2a9e.js"></script>
<script>if(!HTMLTemplateElement.prototype.hasOwnProperty('shadowRootMode')){document.write('<script src="/assets/template-shadowroot.js"><\/script>')}</script>
</head>
<body>
<site-nav>%[2]s</site-nav>
<main>
`, esc(p.Title), litShadow(litPart("site-nav")+`<style>:host{display:block}nav{display:flex;gap:1rem}</style><nav><a href="/">Partecipa ER</a> <a href="/processi">Processi</a> <a href="/chi-siamo">Chi siamo</a></nav>`+litClose))
	attrs := ""
	var header strings.Builder
	header.WriteString(litPart("oss-scheda") + `<style>:host{display:block;max-width:60rem}.region{text-transform:uppercase;font-size:.8rem}.badge{border-radius:1rem;padding:0 .5rem;background:#e4f2e7}</style><header>`)
	if p.Region != "" {
		attrs += ` region="` + esc(p.Region) + `"`
		header.WriteString(litOpen + `<p class="region">` + litOpen + esc(p.Region) + litClose + `</p>` + litClose)
	} else {
		header.WriteString(litOpen + "<!--?-->" + litClose)
	}
	header.WriteString(`<h1><slot name="title"></slot></h1><div class="badges">` + litOpen)
	if p.Certified {
		attrs += " certified"
	}
	if p.Financed {
		attrs += " financed"
	}
	for _, badge := range badgeNames(p) {
		header.WriteString(litPart("badge") + `<span class="badge">` + litOpen + badge + litClose + `</span>` + litClose)
	}
	header.WriteString(litClose + `</div></header><slot></slot>`)
	if p.LastModified != "" {
		header.WriteString(litOpen + `<p class="updated">` + lastModPrefix + ` <slot name="updated"></slot></p>` + litClose)
	}
	header.WriteString(litClose)
	fmt.Fprintf(b, "<oss-scheda%s>%s\n<span slot=\"title\">%s</span>\n<p class=\"cta\">%s <a href=\"/integra/%d\">%s</a></p>\n", attrs, litShadow(header.String()), esc(p.Title), esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<oss-section heading=\"%[1]s\">%[2]s\n", esc(s.Name), litShadow(litPart("oss-section")+`<style>:host{display:block;margin-top:2rem}.grid{display:grid;grid-template-columns:1fr 2fr;gap:.5rem 1rem}</style><h2>`+litOpen+esc(s.Name)+litClose+`</h2><div class="grid"><slot></slot></div>`+litClose))
		for _, f := range s.Fields {
			litField(b, f)
		}
		b.WriteString("</oss-section>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<time slot=\"updated\" datetime=\"%s\">%s</time>\n", isoDate(p.LastModified), esc(p.LastModified))
	}
	b.WriteString(`</oss-scheda>
</main>
<site-footer>` + litShadow(litPart("site-footer")+`<style>:host{display:block}</style><p>`+esc(litFooter)+`</p>`+litClose) + `</site-footer>
<script type="module">import {hydrate} from '/assets/lit-hydrate.js'; document.querySelectorAll('[defer-hydration]').forEach((el) => el.removeAttribute('defer-hydration'));</script>
</body>
</html>
`)
}

// litField writes one <oss-field>: the label only in its shadow root, the
// value as light DOM for the shadow root's slot, or the shadow root's
// "Non specificato" when there is none.
func litField(b *strings.Builder, f Field) {
	shadow := litPart("oss-field") + `<div class="label" part="label">` + litOpen + esc(f.Label) + litClose + `</div><div class="value" part="value">`
	if isEmpty(f) {
		fmt.Fprintf(b, "<oss-field label=\"%s\" empty>%s</oss-field>\n", esc(f.Label), litShadow(shadow+litOpen+`<span class="empty">`+litEmpty+`</span>`+litClose+`</div>`+litClose))
		return
	}
	fmt.Fprintf(b, "<oss-field label=\"%s\">%s", esc(f.Label), litShadow(shadow+litOpen+`<slot></slot>`+litClose+`</div>`+litClose))
	var items []string
	flush := func() {
		if len(items) > 0 {
			b.WriteString("<ul><li>" + strings.Join(items, "</li><li>") + "</li></ul>")
			items = nil
		}
	}
	parts := valueParts(f, true)
	for i := 0; i < len(parts); i++ {
		pt := parts[i]
		switch pt.kind {
		case "item":
			items = append(items, esc(pt.text))
		case "map":
			flush()
			if i+1 < len(parts) && parts[i+1].kind == "img" {
				u := esc(absURL(parts[i+1].text))
				fmt.Fprintf(b, `<oss-map src="%s">%s</oss-map>`, u, litShadow(litPart("oss-map")+`<figure><img src="`+u+`" alt=""><figcaption>`+litOpen+mapLine+litClose+`</figcaption></figure>`+litClose))
				i++
			}
		case "img":
			flush()
			fmt.Fprintf(b, `<img src="%s" alt="">`, esc(absURL(pt.text)))
		default:
			flush()
			if h3Long(f) {
				b.WriteString("<p>" + h6Text(pt.text) + "</p>")
			} else {
				b.WriteString(h6Text(pt.text))
			}
		}
	}
	flush()
	b.WriteString("</oss-field>\n")
}
