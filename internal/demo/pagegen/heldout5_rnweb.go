package pagegen

import (
	"fmt"
	"strings"
)

// React Native Web's class names: the base classes of View and Text and
// the atomic classes of the app's styles.
const (
	rnView   = "css-175oi2r"
	rnText   = "css-1rynq56"
	rnInline = "css-1jxf684"
	rnImg    = "css-9pa8cd"
)

// rnTab is the first tab of the tab bar that follows the content.
const rnTab = "Home"

// rnStyle is the stylesheet React Native Web writes for the classes the
// page uses.
const rnStyle = `html{-ms-text-size-adjust:100%;-webkit-text-size-adjust:100%;-webkit-tap-highlight-color:rgba(0,0,0,0);}
body{margin:0;}
[stylesheet-group="0"]{}
.css-175oi2r{align-items:stretch;background-color:rgba(0,0,0,0.00);border:0 solid black;box-sizing:border-box;display:flex;flex-basis:auto;flex-direction:column;flex-shrink:0;list-style:none;margin:0px;min-height:0px;min-width:0px;padding:0px;position:relative;text-decoration:none;z-index:0;}
.css-1rynq56{background-color:rgba(0,0,0,0.00);border:0 solid black;box-sizing:border-box;color:rgba(0,0,0,1.00);display:inline;font:14px -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;list-style:none;margin:0px;padding:0px;position:relative;text-align:inherit;text-decoration:none;white-space:pre-wrap;word-wrap:break-word;}
.css-1jxf684{background-color:rgba(0,0,0,0.00);border:0 solid black;box-sizing:border-box;color:inherit;display:inline;font:inherit;list-style:none;margin:0px;padding:0px;position:relative;text-align:inherit;text-decoration:none;white-space:inherit;word-wrap:break-word;}
.css-9pa8cd{bottom:0px;height:100%;left:0px;opacity:0;position:absolute;right:0px;top:0px;width:100%;z-index:-1;}
[stylesheet-group="3"]{}
.r-13awgt0{flex:1;}
.r-18u37iz{flex-direction:row;}
.r-1awozwy{align-items:center;}
.r-1xnzce8{-moz-user-select:text;-webkit-user-select:text;user-select:text;}
.r-ubezar{font-size:16px;}
.r-1b43r93{font-size:14px;}
.r-adyw6z{font-size:20px;}
.r-b88u0q{font-weight:700;}
.r-1kfrs79{font-weight:600;}
.r-1lozj9u{color:rgba(101,119,134,1.00);}
.r-tsynxw{text-transform:uppercase;}
.r-1udh08x{overflow:hidden;}
.r-1niwhzg{background-color:rgba(0,0,0,0.00);}
.r-vvn4in{background-position:center;}
.r-u6sd8q{background-repeat:no-repeat;}
.r-4gszlv{background-size:cover;}
.r-1p0dtai{bottom:0px;}
.r-1pi2tsx{height:100%;}
.r-1d2f490{left:0px;}
.r-u8s1d{position:absolute;}
.r-zchlnj{right:0px;}
.r-ipm5af{top:0px;}
.r-13qz1uu{width:100%;}`

// rnPage writes React Native Web elements.
type rnPage struct {
	b *strings.Builder
}

// text writes a Text: a <div dir="auto"> with the base class and the
// atomic ones, an optional role and level.
func (r rnPage) text(atoms, role, inner string) {
	attrs := ""
	if role != "" {
		attrs = ` role="` + role + `"`
		if role == "heading" {
			attrs += ` aria-level="2"`
		}
	}
	fmt.Fprintf(r.b, `<div dir="auto"%s class="%s %s">%s</div>`, attrs, rnText, atoms, inner)
}

// view opens a View.
func (r rnPage) view(atoms string) {
	fmt.Fprintf(r.b, `<div class="%s">`, strings.TrimSpace(rnView+" "+atoms))
}

// end closes a View.
func (r rnPage) end() { r.b.WriteString("</div>") }

// image writes an Image: a background <div> and the transparent <img>
// that keeps the picture draggable and accessible.
func (r rnPage) image(src string) {
	u := esc(src)
	fmt.Fprintf(r.b, `<div class="%[1]s r-1udh08x r-13qz1uu" style="height: 200px; border-radius: 8px;"><div class="%[1]s r-1niwhzg r-vvn4in r-u6sd8q r-4gszlv r-1p0dtai r-1pi2tsx r-1d2f490 r-u8s1d r-zchlnj r-ipm5af r-13qz1uu" style="background-image: url(&quot;%[2]s&quot;);"></div><img alt="" draggable="false" src="%[2]s" class="%[3]s"></div>`, rnView, u, rnImg)
}

// renderRNWeb5 writes a record screen of the observatory's mobile app in
// its web build, rendered by React Native Web: the root views, a top bar
// with a back button and the screen's name, a scroll view with the
// title, the region, the badges as chips, the call to action as a
// pressable, then per section a heading text and one view per field with
// a value: the label text above the value text, list items as rows of a
// bullet and a text, images as React Native Web draws them; then the tab
// bar.
func renderRNWeb5(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" style="height: 100%%;">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<title>%s · Osservatorio</title>
<style>html,body{height:100%%}body{overflow:hidden}#root{display:flex;height:100%%;flex:1}</style>
<style id="react-native-stylesheet">%s</style>
<link rel="manifest" href="/manifest.json">
</head>
<body>
<noscript>Per usare l'app abilita JavaScript.</noscript>
<div id="root">`, esc(p.Title), rnStyle)
	r := rnPage{b: b}
	r.view("r-13awgt0")
	r.view("r-13awgt0")
	r.view("r-18u37iz r-1awozwy")
	fmt.Fprintf(b, `<div aria-label="Indietro" role="button" tabindex="0" class="%s r-1awozwy"><svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true"><path d="M15 18l-6-6 6-6" stroke="currentColor" fill="none" stroke-width="2"></path></svg></div>`, rnView)
	r.text("r-adyw6z r-b88u0q", "", "Scheda processo")
	r.end()
	b.WriteString("\n")
	r.view("r-13awgt0 r-1xnzce8")
	r.text("r-adyw6z r-b88u0q", "heading", esc(p.Title))
	if p.Region != "" {
		r.text("r-1b43r93 r-1lozj9u", "", esc(p.Region))
	}
	if n := badgeNames(p); len(n) > 0 {
		r.view("r-18u37iz")
		for _, name := range n {
			r.view("r-1awozwy")
			r.text("r-1b43r93 r-1kfrs79", "", esc(name))
			r.end()
		}
		r.end()
	}
	r.text("r-1b43r93", "", esc(ctaQuestion))
	fmt.Fprintf(b, `<div role="button" tabindex="0" class="%s r-1awozwy">`, rnView)
	r.text("r-1b43r93 r-b88u0q", "", esc(ctaAction))
	r.end()
	b.WriteString("\n")
	for i, s := range p.Sections {
		r.view("")
		r.text("r-ubezar r-b88u0q r-tsynxw", "heading", esc(s.Name))
		for _, f := range h5NonEmpty(h4Fields(s, i == len(p.Sections)-1, p)) {
			r.view("")
			r.text("r-1b43r93 r-1lozj9u", "", esc(f.Label))
			rnValue(r, f)
			r.end()
			b.WriteString("\n")
		}
		r.end()
		b.WriteString("\n")
	}
	r.end()
	fmt.Fprintf(b, `<div role="tablist" class="%s r-18u37iz">`, rnView)
	for i, tab := range []string{rnTab, "Cerca", "Mappa", "Preferiti"} {
		fmt.Fprintf(b, `<div role="tab" aria-selected="%v" tabindex="0" class="%s r-13awgt0 r-1awozwy">`, i == 1, rnView)
		r.text("r-1b43r93", "", tab)
		r.end()
	}
	b.WriteString("</div>")
	r.end()
	r.end()
	b.WriteString(`</div>
<script src="/static/js/main.7d3e1a2b.js"></script>
</body>
</html>
`)
}

// rnValue writes a field's value: list items as rows of a bullet and a
// text, images, the map marker and lines as texts, addresses as nested
// link texts.
func rnValue(r rnPage, f Field) {
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "item":
			r.view("r-18u37iz")
			r.text("r-ubezar", "", "•")
			r.text("r-ubezar", "", esc(pt.text))
			r.end()
		case "img":
			r.image(absURL(pt.text))
		default:
			r.text("r-ubezar", "", h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `" dir="auto" role="link" target="_blank" class="` + rnInline + `">` + esc(u) + `</a>`
			}))
		}
	}
}
